//! LibreOffice at the edge of the process: the papers the product writes are opened by the real
//! office suite (headless), turned into PDF, and read back as text with poppler's `pdftotext`;
//! the first page is also drawn as a PNG under `target/papers/` for a reviewer to look at.
//! `.ci/deps` installs both from Debian's packages.

use std::path::{Path, PathBuf};
use std::process::Command;

fn tool(name: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| path.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "`{name}` is not installed: the papers' tests open them in LibreOffice; run `.ci/deps` (as root) to install LibreOffice and poppler-utils from Debian's packages"
        )
    })
}

/// Converts every file to PDF in one LibreOffice run (with its own throwaway profile, so tests
/// running side by side don't share one) and returns each PDF's text, in order.
pub fn pdf_texts(files: &[PathBuf], out: &Path) -> Vec<String> {
    let soffice = tool("soffice");
    let profile = tempfile::tempdir().expect("profile dir");
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out)
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdftotext = tool("pdftotext");
    let pdftoppm = tool("pdftoppm");
    let review = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/papers");
    std::fs::create_dir_all(&review).expect("target/papers");
    files
        .iter()
        .map(|file| {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            let pdf = out.join(format!("{stem}.pdf"));
            assert!(
                pdf.is_file(),
                "LibreOffice wrote no PDF for {}",
                file.display()
            );
            let text = Command::new(&pdftotext)
                .args(["-layout", "-enc", "UTF-8"])
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            assert!(text.status.success());
            // The first page, drawn for a reviewer; nothing is asserted about pixels.
            let _ = Command::new(&pdftoppm)
                .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
                .arg(&pdf)
                .arg(review.join(&stem))
                .status();
            String::from_utf8(text.stdout).expect("UTF-8 text")
        })
        .collect()
}
