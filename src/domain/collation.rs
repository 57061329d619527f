//! Vietnamese order, as a dictionary and an agency's lists use it: letters in the Vietnamese
//! alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with the Latin f j w z
//! where Latin puts them), tones only after the letters (ngang, huyền, hỏi, ngã, sắc, nặng), case
//! last. People are listed by given name, then middle names, then family name: "Nguyễn Thị Mai"
//! sorts as "Mai Thị Nguyễn". Composed (NFC) and decomposed (NFD) text compare the same.
//!
//! Code points get this wrong: "Đỗ" sorts after "Lâm" (Đ is U+0110), "Quản" before "Quy" only by
//! accident, and tones decide before letters.

use std::cmp::Ordering;

const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// The toned forms of each vowel, in tone order (huyền, hỏi, ngã, sắc, nặng).
const TONED: [(char, &str); 12] = [
    ('a', "àảãáạ"),
    ('ă', "ằẳẵắặ"),
    ('â', "ầẩẫấậ"),
    ('e', "èẻẽéẹ"),
    ('ê', "ềểễếệ"),
    ('i', "ìỉĩíị"),
    ('o', "òỏõóọ"),
    ('ô', "ồổỗốộ"),
    ('ơ', "ờởỡớợ"),
    ('u', "ùủũúụ"),
    ('ư', "ừửữứự"),
    ('y', "ỳỷỹýỵ"),
];

/// One character as the order sees it: its letter, its tone (0 = ngang), whether upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Glyph {
    letter: char,
    tone: u8,
    upper: bool,
}

fn untoned(c: char) -> (char, u8) {
    for (base, forms) in TONED {
        if let Some(index) = forms.chars().position(|form| form == c) {
            return (base, index as u8 + 1);
        }
    }
    (c, 0)
}

/// A combining mark applied to the glyph before it (decomposed input).
fn combine(glyph: &mut Glyph, mark: char) -> bool {
    let tone = match mark {
        '\u{300}' => Some(1),
        '\u{309}' => Some(2),
        '\u{303}' => Some(3),
        '\u{301}' => Some(4),
        '\u{323}' => Some(5),
        _ => None,
    };
    if let Some(tone) = tone {
        glyph.tone = tone;
        return true;
    }
    let letter = match (glyph.letter, mark) {
        ('a', '\u{306}') => 'ă',
        ('a', '\u{302}') => 'â',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31b}') => 'ơ',
        ('u', '\u{31b}') => 'ư',
        _ => return false,
    };
    glyph.letter = letter;
    true
}

fn glyphs(text: &str) -> Vec<Glyph> {
    let mut out: Vec<Glyph> = Vec::with_capacity(text.len());
    for c in text.chars() {
        if let Some(last) = out.last_mut()
            && combine(last, c)
        {
            continue;
        }
        let upper = c.is_uppercase();
        let lower = c.to_lowercase().next().unwrap_or(c);
        let (letter, tone) = untoned(lower);
        out.push(Glyph {
            letter,
            tone,
            upper,
        });
    }
    out
}

/// Where a letter stands: digits first, then the alphabet, then anything else by code point.
fn rank(letter: char) -> (u8, u32) {
    if letter.is_ascii_digit() {
        return (0, letter as u32);
    }
    match ALPHABET.chars().position(|candidate| candidate == letter) {
        Some(index) => (1, index as u32),
        None => (2, letter as u32),
    }
}

/// Two texts in Vietnamese order.
pub fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (glyphs(a), glyphs(b));
    let letters = |glyphs: &[Glyph]| glyphs.iter().map(|g| rank(g.letter)).collect::<Vec<_>>();
    let tones = |glyphs: &[Glyph]| glyphs.iter().map(|g| g.tone).collect::<Vec<_>>();
    let cases = |glyphs: &[Glyph]| glyphs.iter().map(|g| g.upper).collect::<Vec<_>>();
    letters(&a)
        .cmp(&letters(&b))
        .then_with(|| tones(&a).cmp(&tones(&b)))
        .then_with(|| cases(&b).cmp(&cases(&a)))
}

/// A full name's words in the order they sort: given name, middle names, family name.
fn name_order(name: &str) -> Vec<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [] => Vec::new(),
        [only] => vec![*only],
        [family, middle @ .., given] => {
            let mut order = vec![*given];
            order.extend(middle);
            order.push(family);
            order
        }
    }
}

/// Two people's full names the way Vietnamese lists order them.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    let (a, b) = (name_order(a), name_order(b));
    for (x, y) in a.iter().zip(&b) {
        let order = compare(x, y);
        if order != Ordering::Equal {
            return order;
        }
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut items: Vec<&str>, by: fn(&str, &str) -> Ordering) -> Vec<&str> {
        items.sort_by(|a, b| by(a, b));
        items
    }

    #[test]
    fn letters_follow_the_vietnamese_alphabet_not_code_points() {
        assert_eq!(
            sorted(vec!["Đỗ", "Lâm", "Cao", "Châu", "Dương"], compare),
            ["Cao", "Châu", "Dương", "Đỗ", "Lâm"]
        );
        assert_eq!(
            sorted(
                vec!["ư", "u", "ơ", "ô", "o", "ê", "e", "â", "ă", "a"],
                compare
            ),
            ["a", "ă", "â", "e", "ê", "o", "ô", "ơ", "u", "ư"]
        );
        // "Phòng Quản lý" before "Phòng Quy hoạch": a < y, whatever the tone.
        assert_eq!(
            sorted(vec!["Phòng Quy hoạch", "Phòng Quản lý"], compare),
            ["Phòng Quản lý", "Phòng Quy hoạch"]
        );
    }

    #[test]
    fn tones_count_only_after_the_letters_in_dictionary_order() {
        assert_eq!(
            sorted(vec!["mạ", "má", "mã", "mả", "mà", "ma"], compare),
            ["ma", "mà", "mả", "mã", "má", "mạ"]
        );
        // A tone never outweighs a later letter: "mà" < "mac".
        assert_eq!(compare("mà", "mac"), Ordering::Less);
        assert_eq!(compare("Á", "a"), Ordering::Greater);
    }

    #[test]
    fn decomposed_text_sorts_like_composed_text() {
        let decomposed = "Nguye\u{302}\u{303}n";
        assert_eq!(compare(decomposed, "Nguyễn"), Ordering::Equal);
        assert_eq!(compare("Thu\u{31b}\u{300}a", "Thừa"), Ordering::Equal);
    }

    #[test]
    fn people_sort_by_given_name_then_middle_then_family() {
        assert_eq!(
            sorted(
                vec![
                    "Nguyễn Thị Mai",
                    "Trần Văn An",
                    "Lê Thị Mai",
                    "Đỗ Anh",
                    "Phạm Quốc Hùng",
                    "Võ Đức Thịnh",
                ],
                compare_names
            ),
            [
                "Trần Văn An",
                "Đỗ Anh",
                "Phạm Quốc Hùng",
                "Lê Thị Mai",
                "Nguyễn Thị Mai",
                "Võ Đức Thịnh",
            ]
        );
    }
}
