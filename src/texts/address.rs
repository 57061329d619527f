//! How the product addresses a person (DOMAIN §9). Texts are written with the neutral
//! "anh/chị"; the message is addressed when it leaves, to the one person it goes to, here:
//! - in chat, "anh" or "chị" by the person's gender;
//! - in e-mails and formal notices, "ông" or "bà", and "đồng chí" for a leader, whose
//!   greeting also names the position: "Kính gửi đồng chí Phạm Quốc Hùng – Giám đốc Sở,".
//!
//! English texts say "you" and are left alone. A message to a group or to nobody known keeps
//! the neutral form.

use crate::domain::person::{Gender, Person};
use crate::domain::role::Role;

/// Words in a position that make its holder a leader (lãnh đạo): heads and deputies alike.
const LEADING_WORDS: [&str; 4] = ["giám đốc", "trưởng", "chánh", "chủ tịch"];

/// Whether `person` is addressed as a leader in formal writing.
pub fn is_leader(person: &Person) -> bool {
    let position = person.position.to_lowercase();
    person.has(Role::Director)
        || person.has(Role::UnitHead)
        || LEADING_WORDS.iter().any(|word| position.contains(word))
}

/// A chat message for `gender`.
pub fn chat(text: &str, gender: Gender) -> String {
    let (lower, upper) = match gender {
        Gender::Male => ("anh", "Anh"),
        Gender::Female => ("chị", "Chị"),
    };
    text.replace("anh/chị", lower).replace("Anh/chị", upper)
}

/// A formal message (an e-mail) for `person`: the greeting by name (with the position for a
/// leader), then the pronoun.
pub fn formal(text: &str, person: &Person) -> String {
    let leader = is_leader(person);
    let (lower, upper) = match (leader, person.gender) {
        (true, _) => ("đồng chí", "Đồng chí"),
        (false, Gender::Male) => ("ông", "Ông"),
        (false, Gender::Female) => ("bà", "Bà"),
    };
    let neutral = format!("Kính gửi anh/chị {},", person.full_name);
    let greeting = if leader && !person.position.trim().is_empty() {
        format!(
            "Kính gửi đồng chí {} – {},",
            person.full_name,
            person.position.trim()
        )
    } else {
        format!("Kính gửi {lower} {},", person.full_name)
    };
    text.replace(&neutral, &greeting)
        .replace("anh/chị", lower)
        .replace("Anh/chị", upper)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::language::Lang;
    use crate::domain::person::PersonId;
    use crate::domain::role::Roles;

    fn person(name: &str, gender: Gender, position: &str, roles: &[Role]) -> Person {
        Person {
            id: PersonId(1),
            employee_code: "NV001".into(),
            full_name: name.into(),
            unit_code: "VP".into(),
            position: position.into(),
            email: "x@example.gov.vn".into(),
            gender,
            hire_date: chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap(),
            active: true,
            telegram_user_id: None,
            lang: Lang::Vi,
            roles: Roles::new(roles.iter().copied()),
        }
    }

    #[test]
    fn chat_says_anh_or_chi_by_gender() {
        let text = "Anh/chị đã đăng ký. Cảm ơn anh/chị!";
        assert_eq!(chat(text, Gender::Male), "Anh đã đăng ký. Cảm ơn anh!");
        assert_eq!(chat(text, Gender::Female), "Chị đã đăng ký. Cảm ơn chị!");
    }

    #[test]
    fn formal_writing_says_ong_ba_and_dong_chi_with_the_position_for_leaders() {
        let director = person(
            "Phạm Quốc Hùng",
            Gender::Male,
            "Giám đốc Sở",
            &[Role::Director],
        );
        let text = "Kính gửi anh/chị Phạm Quốc Hùng,\nĐề nghị anh/chị xem xét.";
        assert_eq!(
            formal(text, &director),
            "Kính gửi đồng chí Phạm Quốc Hùng – Giám đốc Sở,\nĐề nghị đồng chí xem xét."
        );
        let deputy = person(
            "Mai Thị Hồng Nhung",
            Gender::Female,
            "Phó Trưởng phòng",
            &[Role::Staff],
        );
        assert!(is_leader(&deputy));
        let staff = person(
            "Trần Ngọc Ánh",
            Gender::Female,
            "Chuyên viên",
            &[Role::Staff],
        );
        assert!(!is_leader(&staff));
        assert_eq!(
            formal(
                "Kính gửi anh/chị Trần Ngọc Ánh,\nAnh/chị vui lòng nộp.",
                &staff
            ),
            "Kính gửi bà Trần Ngọc Ánh,\nBà vui lòng nộp."
        );
        let man = person("Võ Đức Thịnh", Gender::Male, "Kế toán viên", &[Role::Staff]);
        assert_eq!(formal("Cảm ơn anh/chị.", &man), "Cảm ơn ông.");
    }
}
