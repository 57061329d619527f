//! The rule set as written in `config/rules/*.toml` (documented at the top of each file). The
//! same types are what evaluation reads once [`super::load`] has merged and validated them.
//! Every rule carries `ref`, the legal text it encodes, which every finding repeats.

use super::ratio::{Count, Quantity, Ratio, Rounding, Scope, Share};
use crate::domain::title::Title;
use serde::Deserialize;

pub use crate::domain::assessment::{LeaveKind, TaskRating};

/// Whether `actual` is `required` or better. Spelled out rather than read from `Ord`, whose
/// order (best first) belongs to the answer type.
pub fn rating_at_least(actual: TaskRating, required: TaskRating) -> bool {
    rating_rank(actual) >= rating_rank(required)
}

fn rating_rank(rating: TaskRating) -> u8 {
    match rating {
        TaskRating::NotCompleted => 0,
        TaskRating::Completed => 1,
        TaskRating::Good => 2,
        TaskRating::Excellent => 3,
    }
}

/// Hình thức kỷ luật, lightest first: khiển trách < cảnh cáo < anything heavier (hạ bậc lương,
/// giáng chức, cách chức, buộc thôi việc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyLevel {
    /// Khiển trách.
    Reprimand,
    /// Cảnh cáo.
    Warning,
    Heavier,
}

/// What a blocking penalty does to the campaign year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterPenalty {
    /// No individual title for a year in which the penalty was in force on any day.
    ExcludedIfInForce,
    /// Achievements count only from the day after the penalty ends; still in force at the
    /// year's end means excluded.
    CountFromEnd,
}

/// The achievements that can lift LĐTT to CSTĐCS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Means {
    /// Rated "hoàn thành xuất sắc nhiệm vụ".
    ExcellentRating,
    /// An initiative (sáng kiến) recognised at grassroots level or above.
    Initiative,
    /// An accepted research project (đề tài, đề án nghiên cứu khoa học được nghiệm thu).
    Research,
}

/// Where an initiative was recognised or has effect.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum InitiativeScope {
    /// Cấp cơ sở.
    Grassroots,
    /// Phạm vi toàn tỉnh.
    Province,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// Prefer a woman (ưu tiên cá nhân nữ).
    Woman,
    /// Prefer a collective whose women members reach `tie_break.women_collective`.
    WomenCollective,
}

/// A whole rule set: one base file merged with the department's local files.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub rule_set: Meta,
    pub tenure: TenureRule,
    pub discipline: DisciplineRule,
    pub initiatives: InitiativeRule,
    pub individual: IndividualRules,
    pub collective: CollectiveRules,
    #[serde(default)]
    pub quota: ByTitle<QuotaRule>,
    #[serde(default)]
    pub ballot: BallotRules,
    pub unit_meeting: MeetingRule,
    pub tie_break: TieBreakRule,
    /// Commendations judged on the award history (Bằng khen); absent in a set that does not
    /// describe them.
    #[serde(default)]
    pub awards: AwardRules,
    /// The files merged into this rule set, base first (filled in by the loader).
    #[serde(skip)]
    pub files: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardRules {
    #[serde(rename = "BK_TINH")]
    pub bang_khen_tinh: Option<BangKhenRule>,
    /// The provincial Cờ thi đua proposed for the emulation blocks' leading members (how many
    /// per block, and how many Bằng khen after them, is the year's block file).
    #[serde(rename = "CO_TINH")]
    pub block_flag: Option<AwardBasis>,
    /// The director's Giấy khen, periodic or ad hoc.
    #[serde(rename = "GK")]
    pub giay_khen: Option<AwardBasis>,
}

/// An award the product proposes or records whose conditions live elsewhere (the block's
/// ranking, the standing body's appraisal): its legal basis, shown by `rules show`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardBasis {
    #[serde(rename = "ref")]
    pub legal_ref: String,
}

/// Bằng khen của Chủ tịch UBND tỉnh (Law 06/2022 Art. 74, detailed by each province): judged
/// on the years recorded in the award history, up to the year before the campaign's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BangKhenRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    /// An individual qualifies by any one of these paths.
    pub individual_any_of: Vec<BangKhenPath>,
    /// A collective: TLĐXS this many consecutive years.
    pub collective_tldxs_years: u32,
}

/// One way to the Bằng khen: consecutive CSTĐCS years, or consecutive excellent ratings with
/// a number of initiatives recognised in those years and not yet backing anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum BangKhenPath {
    CstdcsYears(u32),
    ExcellentYears { years: u32, initiatives: u32 },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// `nd91-2017` or `luat-2022`: must match the file's name.
    pub name: String,
    pub title: String,
    /// The legal texts the set encodes.
    pub basis: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenureRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    pub min_months: u32,
    pub counted_leave: Vec<LeaveKind>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisciplineRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    /// Đang bị xem xét kỷ luật, điều tra, hoặc có khiếu nại chưa giải quyết.
    pub under_review_blocks: bool,
    pub lowest_blocking: PenaltyLevel,
    pub after_penalty: AfterPenalty,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitiativeRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    /// One initiative may back only one title or award.
    pub single_use: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndividualRules {
    #[serde(rename = "LDTT")]
    pub ldtt: LdttRule,
    #[serde(rename = "CSTDCS")]
    pub cstdcs: CstdcsRule,
    #[serde(rename = "CSTD_TINH")]
    pub cstd_tinh: CstdTinhRule,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LdttRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    pub min_rating: TaskRating,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CstdcsRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    /// LĐTT plus at least one of these.
    pub any_of: Vec<Means>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CstdTinhRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    /// Consecutive CSTĐCS years required.
    pub consecutive_cstdcs_years: u32,
    /// Whether the campaign year's own CSTĐCS counts toward them. `false`: the years must be
    /// recognised by decisions already recorded in the award history (the provincial title is
    /// considered "among those who have had" the titles); `true`: this year's CSTĐCS verdict
    /// completes the run.
    pub counts_campaign_year: bool,
    pub initiative_scope: InitiativeScope,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectiveRules {
    #[serde(rename = "TLDTT")]
    pub tldtt: CollectiveRule,
    #[serde(rename = "TLDXS")]
    pub tldxs: CollectiveRule,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectiveRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    pub min_unit_rating: TaskRating,
    #[serde(default)]
    pub ratios: Vec<Ratio>,
    #[serde(default)]
    pub counts: Vec<Count>,
    /// No member may carry a penalty at or above this level in the year.
    pub no_member_penalty_from: Option<PenaltyLevel>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    pub of: Quantity,
    pub share: Share,
    pub rounding: Rounding,
    pub scope: Scope,
}

/// One optional entry per title code.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByTitle<T> {
    #[serde(rename = "LDTT")]
    pub ldtt: Option<T>,
    #[serde(rename = "CSTDCS")]
    pub cstdcs: Option<T>,
    #[serde(rename = "CSTD_TINH")]
    pub cstd_tinh: Option<T>,
    #[serde(rename = "TLDTT")]
    pub tldtt: Option<T>,
    #[serde(rename = "TLDXS")]
    pub tldxs: Option<T>,
}

impl<T> Default for ByTitle<T> {
    fn default() -> Self {
        ByTitle {
            ldtt: None,
            cstdcs: None,
            cstd_tinh: None,
            tldtt: None,
            tldxs: None,
        }
    }
}

impl<T> ByTitle<T> {
    pub fn get(&self, title: Title) -> Option<&T> {
        match title {
            Title::Ldtt => self.ldtt.as_ref(),
            Title::Cstdcs => self.cstdcs.as_ref(),
            Title::CstdTinh => self.cstd_tinh.as_ref(),
            Title::Tldtt => self.tldtt.as_ref(),
            Title::Tldxs => self.tldxs.as_ref(),
        }
    }
}

/// Council ballots: per title, plus the emulation flag (Cờ thi đua), which is not a title here.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotRules {
    #[serde(rename = "LDTT")]
    pub ldtt: Option<BallotRule>,
    #[serde(rename = "CSTDCS")]
    pub cstdcs: Option<BallotRule>,
    #[serde(rename = "CSTD_TINH")]
    pub cstd_tinh: Option<BallotRule>,
    #[serde(rename = "TLDTT")]
    pub tldtt: Option<BallotRule>,
    #[serde(rename = "TLDXS")]
    pub tldxs: Option<BallotRule>,
    #[serde(rename = "FLAG")]
    pub flag: Option<BallotRule>,
}

impl BallotRules {
    pub fn get(&self, title: Title) -> Option<&BallotRule> {
        match title {
            Title::Ldtt => self.ldtt.as_ref(),
            Title::Cstdcs => self.cstdcs.as_ref(),
            Title::CstdTinh => self.cstd_tinh.as_ref(),
            Title::Tldtt => self.tldtt.as_ref(),
            Title::Tldxs => self.tldxs.as_ref(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    pub approval: Ratio,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    pub quorum: Ratio,
    pub nominee: Ratio,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieBreakRule {
    #[serde(rename = "ref")]
    pub legal_ref: String,
    pub order: Vec<TieBreak>,
    pub women_collective: Ratio,
}
