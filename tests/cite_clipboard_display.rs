//! A display that does not answer costs the native clipboard only: the copy returns (bounded by
//! the copier's timeout), reports the native failure, and OSC 52 still went out.
//!
//! Its own test binary, because it points `DISPLAY` at a display that does not exist.

// Setting the environment is `unsafe` in edition 2024; the crate denies `unsafe` elsewhere.
#![allow(unsafe_code)]

use lectern::clipboard::{Channel, Copier, Env};
use std::time::Duration;

#[test]
fn an_unreachable_display_neither_hangs_nor_crashes_the_copy() {
    // SAFETY: this test binary has this one test, so no other thread reads the environment.
    unsafe {
        std::env::remove_var("WAYLAND_DISPLAY");
        std::env::set_var("DISPLAY", ":97");
    }
    let copier = Copier {
        env: Env {
            tmux: false,
            ssh: false,
            display: true,
        },
        tmux_command: vec!["tmux".into()],
        timeout: Duration::from_secs(2),
    };
    let mut term: Vec<u8> = Vec::new();
    let report = copier
        .copy("Renmin ribao 人民日报", Some(&mut term))
        .expect("OSC 52 still copies");
    assert_eq!(report.via, vec![Channel::Osc52 { passthrough: false }]);
    assert!(
        report.failed.iter().any(|(c, _)| *c == Channel::Native),
        "{:?}",
        report.failed
    );
    assert!(!term.is_empty());
}
