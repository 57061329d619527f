//! Evidence attached to a self-assessment (minh chứng): the recognition decision of an
//! initiative, a certificate — a PDF or a photo. What is accepted is decided twice: on what
//! Telegram says of the file before it is fetched (type, size), and on the bytes once fetched
//! (a file named `.pdf` that is not a PDF is refused). Files are kept once, by the SHA-256 of
//! their bytes; the assessment's answers hold references, so every submitted version names the
//! files it was submitted with.

use serde::{Deserialize, Serialize};

/// The largest file accepted (Telegram lets a bot fetch up to 20 MB).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// How many files one assessment may carry.
pub const MAX_FILES: usize = 5;
/// The longest file name kept (longer ones are cut, keeping the extension).
const MAX_NAME_CHARS: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileType {
    Pdf,
    Jpeg,
    Png,
}

impl FileType {
    pub fn mime_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Jpeg => "jpg",
            FileType::Png => "png",
        }
    }

    /// What the bytes are, from their first bytes.
    pub fn sniff(bytes: &[u8]) -> Option<FileType> {
        if bytes.starts_with(b"%PDF-") {
            Some(FileType::Pdf)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileType::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(FileType::Png)
        } else {
            None
        }
    }

    fn from_declared(mime_type: Option<&str>, file_name: &str) -> Option<FileType> {
        let extension = file_name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_lowercase());
        match (
            mime_type.map(str::to_lowercase).as_deref(),
            extension.as_deref(),
        ) {
            (Some("application/pdf"), _) | (_, Some("pdf")) => Some(FileType::Pdf),
            (Some("image/jpeg"), _) | (_, Some("jpg" | "jpeg")) => Some(FileType::Jpeg),
            (Some("image/png"), _) | (_, Some("png")) => Some(FileType::Png),
            _ => None,
        }
    }
}

/// One attached file, as the answers hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRef {
    /// The SHA-256 of the bytes, in lower-case hex: the file's key in storage.
    pub sha256: String,
    pub file_name: String,
    pub file_type: FileType,
    pub size: u64,
}

/// Why a file is refused; nothing is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected {
    /// Not a PDF, JPEG or PNG (by its declared type or name).
    WrongType,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge { size: u64 },
    /// Empty.
    Empty,
    /// The bytes are not what the name and type claim.
    NotWhatItSays,
    /// Already [`MAX_FILES`] files on the assessment.
    TooMany,
}

/// Checks what Telegram says of a file before it is fetched.
pub fn check_declared(
    mime_type: Option<&str>,
    file_name: &str,
    size: u64,
) -> Result<FileType, Rejected> {
    let file_type = FileType::from_declared(mime_type, file_name).ok_or(Rejected::WrongType)?;
    if size > MAX_FILE_BYTES {
        return Err(Rejected::TooLarge { size });
    }
    Ok(file_type)
}

/// Checks the fetched bytes against what was declared, and against the assessment's files.
pub fn check_content(
    declared: FileType,
    bytes: &[u8],
    attached: &[EvidenceRef],
) -> Result<(), Rejected> {
    if bytes.is_empty() {
        return Err(Rejected::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Rejected::TooLarge {
            size: bytes.len() as u64,
        });
    }
    if FileType::sniff(bytes) != Some(declared) {
        return Err(Rejected::NotWhatItSays);
    }
    if attached.len() >= MAX_FILES {
        return Err(Rejected::TooMany);
    }
    Ok(())
}

/// A file name fit to show and to write: no folders, no control characters, not too long, and
/// with the extension its type calls for. `fallback` names a file sent without a name (a photo).
pub fn clean_name(raw: &str, file_type: FileType, fallback: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name: String = base
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_owned();
    if name.is_empty() {
        name = fallback.to_owned();
    }
    let extension = file_type.extension();
    let stem = match name.rsplit_once('.') {
        Some((stem, ext))
            if FileType::from_declared(None, &format!("x.{ext}")) == Some(file_type) =>
        {
            stem.to_owned()
        }
        _ => name.clone(),
    };
    let stem: String = stem.chars().take(MAX_NAME_CHARS).collect();
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_file_is_refused_by_type_or_size_before_it_is_fetched() {
        assert_eq!(
            check_declared(Some("application/pdf"), "qd.pdf", 1000),
            Ok(FileType::Pdf)
        );
        assert_eq!(check_declared(None, "ANH.JPG", 10), Ok(FileType::Jpeg));
        assert_eq!(
            check_declared(Some("application/zip"), "hoso.zip", 10),
            Err(Rejected::WrongType)
        );
        assert_eq!(
            check_declared(Some("application/pdf"), "to.pdf", MAX_FILE_BYTES + 1),
            Err(Rejected::TooLarge {
                size: MAX_FILE_BYTES + 1
            })
        );
    }

    #[test]
    fn the_bytes_must_be_what_the_name_says() {
        assert_eq!(check_content(FileType::Pdf, b"%PDF-1.7 ...", &[]), Ok(()));
        assert_eq!(
            check_content(FileType::Pdf, b"MZ\x90\x00", &[]),
            Err(Rejected::NotWhatItSays)
        );
        assert_eq!(check_content(FileType::Png, b"", &[]), Err(Rejected::Empty));
        let one = EvidenceRef {
            sha256: "00".into(),
            file_name: "a.pdf".into(),
            file_type: FileType::Pdf,
            size: 1,
        };
        let full = vec![one; MAX_FILES];
        assert_eq!(
            check_content(FileType::Pdf, b"%PDF-1.7", &full),
            Err(Rejected::TooMany)
        );
    }

    #[test]
    fn names_lose_folders_and_control_characters_and_keep_their_type() {
        assert_eq!(
            clean_name("../../etc/Quyết định 45.PDF", FileType::Pdf, "x"),
            "Quyết định 45.pdf"
        );
        assert_eq!(clean_name("", FileType::Jpeg, "Ảnh 1"), "Ảnh 1.jpg");
        assert_eq!(
            clean_name("giay\u{7}khen", FileType::Png, "x"),
            "giaykhen.png"
        );
        assert_eq!(clean_name(".hidden.pdf", FileType::Pdf, "x"), "hidden.pdf");
    }
}
