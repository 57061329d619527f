//! The kinds of paper the product writes for the secretary to sign, by the names the CLI
//! (`thidua document KIND`) and the chat (/vanban KIND) use.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperKind {
    /// The standing body's tờ trình to the director.
    Submission,
    /// The council meeting's biên bản.
    Minutes,
    /// The director's quyết định with its danh sách kèm theo.
    Decision,
    /// Each nominee's báo cáo thành tích (CSTĐ cơ sở and above).
    Reports,
    /// The proposal to the provincial council.
    Proposal,
    /// The yearly statistics, as a workbook.
    Statistics,
}

impl PaperKind {
    pub const ALL: [PaperKind; 6] = [
        PaperKind::Submission,
        PaperKind::Minutes,
        PaperKind::Decision,
        PaperKind::Reports,
        PaperKind::Proposal,
        PaperKind::Statistics,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            PaperKind::Submission => "to-trinh",
            PaperKind::Minutes => "bien-ban",
            PaperKind::Decision => "quyet-dinh",
            PaperKind::Reports => "bao-cao-thanh-tich",
            PaperKind::Proposal => "de-nghi-cap-tren",
            PaperKind::Statistics => "thong-ke",
        }
    }

    pub fn parse(raw: &str) -> Option<PaperKind> {
        let raw = raw.trim().to_lowercase();
        PaperKind::ALL.into_iter().find(|kind| kind.slug() == raw)
    }
}

/// Why a paper cannot be written yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaperMissing {
    /// No proposal to the province yet: it is prepared at the director's approval.
    Proposal,
    /// Nobody is proposed for a title that needs an achievement report.
    Reports,
    /// The person asked for (an employee code) has no nomination this year.
    PersonNotNominated(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in PaperKind::ALL {
            assert_eq!(PaperKind::parse(kind.slug()), Some(kind));
        }
        assert_eq!(PaperKind::parse(" Quyet-Dinh "), Some(PaperKind::Decision));
        assert_eq!(PaperKind::parse("quyết định"), None);
    }
}
