//! OSC 52: the escape sequence that asks the terminal to put text on the system clipboard. It
//! travels with the terminal's output, so it reaches the clipboard of the machine the terminal
//! runs on, over SSH too. Inside tmux it is wrapped in a DCS passthrough so that tmux hands it
//! to the outer terminal (tmux ≥ 3.3 needs `allow-passthrough on` for that).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

const ESC: u8 = 0x1b;
const BEL: u8 = 0x07;

/// `ESC ] 52 ; c ; <base64 of text> BEL`: set the clipboard (`c`) to `text`.
///
/// BEL ends the sequence rather than ST (`ESC \`), since an ST inside tmux's passthrough would
/// need its own escaping and BEL is understood by every terminal that implements OSC 52.
pub fn sequence(text: &str) -> Vec<u8> {
    let mut out = vec![ESC];
    out.extend_from_slice(b"]52;c;");
    out.extend_from_slice(STANDARD.encode(text.as_bytes()).as_bytes());
    out.push(BEL);
    out
}

/// tmux's passthrough: `ESC P tmux; <sequence, each ESC doubled> ESC \`.
pub fn tmux_passthrough(seq: &[u8]) -> Vec<u8> {
    let mut out = vec![ESC];
    out.extend_from_slice(b"Ptmux;");
    for &b in seq {
        if b == ESC {
            out.push(ESC);
        }
        out.push(b);
    }
    out.extend_from_slice(&[ESC, b'\\']);
    out
}

/// The bytes to write to the terminal: the sequence, wrapped for tmux when inside it.
pub fn for_terminal(text: &str, in_tmux: bool) -> Vec<u8> {
    let seq = sequence(text);
    if in_tmux { tmux_passthrough(&seq) } else { seq }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_base64_of_the_text() {
        // RFC 4648 test vector: "foobar" is "Zm9vYmFy".
        assert_eq!(sequence("foobar"), b"\x1b]52;c;Zm9vYmFy\x07".to_vec());
    }

    #[test]
    fn passthrough_doubles_every_escape_and_ends_with_st() {
        assert_eq!(
            tmux_passthrough(b"\x1b]52;c;YQ==\x07"),
            b"\x1bPtmux;\x1b\x1b]52;c;YQ==\x07\x1b\\".to_vec()
        );
    }
}
