//! Emulation titles (danh hiệu thi đua). Codes are ASCII so they fit in callback data and files;
//! names shown to people live in `texts`.

use super::UnknownValue;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Title {
    /// Lao động tiên tiến.
    Ldtt,
    /// Chiến sĩ thi đua cơ sở (includes LĐTT).
    Cstdcs,
    /// Chiến sĩ thi đua cấp tỉnh (proposed upward; includes CSTĐCS).
    CstdTinh,
    /// Tập thể lao động tiên tiến.
    Tldtt,
    /// Tập thể lao động xuất sắc.
    Tldxs,
}

/// Who confers a title. The director of the department decides LĐTT, CSTĐCS and TLĐTT (Law
/// 06/2022 Art. 80); TLĐXS and CSTĐ cấp tỉnh are decided by the chairman of the provincial
/// People's Committee on the department's proposal, so the department's approval of them is a
/// proposal upward ("đề nghị cấp trên xét tặng"), never a recognition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decider {
    Director,
    ProvincialChairman,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Individual,
    Collective,
}

impl Title {
    /// Every title, in the order lists and exports show them.
    pub const ALL: [Title; 5] = [
        Title::Ldtt,
        Title::Cstdcs,
        Title::CstdTinh,
        Title::Tldtt,
        Title::Tldxs,
    ];

    /// The titles a person holds, in the order lists show them.
    pub const INDIVIDUAL: [Title; 3] = [Title::Ldtt, Title::Cstdcs, Title::CstdTinh];

    /// The titles a unit holds, in the order lists show them.
    pub const COLLECTIVE: [Title; 2] = [Title::Tldtt, Title::Tldxs];

    pub fn code(self) -> &'static str {
        match self {
            Title::Ldtt => "LDTT",
            Title::Cstdcs => "CSTDCS",
            Title::CstdTinh => "CSTD_TINH",
            Title::Tldtt => "TLDTT",
            Title::Tldxs => "TLDXS",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        Title::ALL
            .into_iter()
            .find(|title| title.code() == raw.trim())
            .ok_or_else(|| UnknownValue::new("title", raw))
    }

    pub fn holder(self) -> Holder {
        match self {
            Title::Ldtt | Title::Cstdcs | Title::CstdTinh => Holder::Individual,
            Title::Tldtt | Title::Tldxs => Holder::Collective,
        }
    }

    pub fn decider(self) -> Decider {
        match self {
            Title::Ldtt | Title::Cstdcs | Title::Tldtt => Decider::Director,
            Title::CstdTinh | Title::Tldxs => Decider::ProvincialChairman,
        }
    }

    /// Whether the department only proposes this title to the province.
    pub fn decided_upward(self) -> bool {
        self.decider() == Decider::ProvincialChairman
    }

    /// Whether an approved nomination stored with this title code is a proposal upward.
    pub fn code_decided_upward(code: &str) -> bool {
        Title::parse(code).is_ok_and(Title::decided_upward)
    }

    /// The titles a registration for `self` also covers: choosing CSTĐCS includes LĐTT, and the
    /// provincial title includes both.
    pub fn includes(self) -> &'static [Title] {
        match self {
            Title::Ldtt => &[Title::Ldtt],
            Title::Cstdcs => &[Title::Cstdcs, Title::Ldtt],
            Title::CstdTinh => &[Title::CstdTinh, Title::Cstdcs, Title::Ldtt],
            Title::Tldtt => &[Title::Tldtt],
            Title::Tldxs => &[Title::Tldxs],
        }
    }
}

/// Titles are written by their code (`"CSTDCS"`) in stored JSON.
impl serde::Serialize for Title {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Title {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Title::parse(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choosing_cstdcs_includes_ldtt() {
        assert!(Title::Cstdcs.includes().contains(&Title::Ldtt));
        assert!(Title::CstdTinh.includes().contains(&Title::Cstdcs));
        assert_eq!(Title::Ldtt.includes(), &[Title::Ldtt]);
    }

    #[test]
    fn the_province_decides_tldxs_and_the_provincial_title_the_director_the_rest() {
        let upward: Vec<Title> = Title::ALL
            .into_iter()
            .filter(|title| title.decided_upward())
            .collect();
        assert_eq!(upward, [Title::CstdTinh, Title::Tldxs]);
        assert!(Title::code_decided_upward("TLDXS"));
        assert!(!Title::code_decided_upward("LDTT"));
        assert!(!Title::code_decided_upward("unknown"));
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for title in Title::ALL {
            assert_eq!(Title::parse(title.code()), Ok(title));
        }
        assert!(Title::parse("GIAY_KHEN").is_err());
    }

    #[test]
    fn the_groups_agree_with_the_holder_and_follow_the_display_order() {
        let of = |holder| -> Vec<Title> {
            Title::ALL
                .into_iter()
                .filter(|title| title.holder() == holder)
                .collect()
        };
        assert_eq!(Title::INDIVIDUAL.to_vec(), of(Holder::Individual));
        assert_eq!(Title::COLLECTIVE.to_vec(), of(Holder::Collective));
    }
}
