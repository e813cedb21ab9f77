//! The document analysis as a tantivy tokenizer. Its tokens live in a buffer the tokenizer
//! keeps, so that indexing reuses their strings instead of allocating one per token.

use super::{Analyser, TextField};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The analyser of one text field, registered with the index under the field's name.
#[derive(Clone)]
pub struct LecternTokenizer {
    analyser: Analyser,
    tokens: Vec<Token>,
}

impl LecternTokenizer {
    pub fn new(field: TextField) -> Self {
        Self {
            analyser: Analyser::for_index(field),
            tokens: Vec::new(),
        }
    }
}

/// The tokens of one text, borrowed from the tokenizer's buffer.
pub struct BufferedTokens<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl Tokenizer for LecternTokenizer {
    type TokenStream<'a> = BufferedTokens<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BufferedTokens<'a> {
        let tokens = &mut self.tokens;
        let mut n = 0;
        self.analyser.each_token(text, |text, range, pos, span| {
            if n == tokens.len() {
                tokens.push(Token::default());
            }
            let token = &mut tokens[n];
            token.text.clear();
            token.text.push_str(text);
            token.offset_from = range.start;
            token.offset_to = range.end;
            token.position = pos;
            token.position_length = span;
            n += 1;
        });
        BufferedTokens {
            tokens: &mut self.tokens[..n],
            next: 0,
        }
    }
}

impl TokenStream for BufferedTokens<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Registers the analysers of every text field with an index.
pub fn register(index: &tantivy::Index) {
    for field in TextField::ALL {
        index
            .tokenizers()
            .register(field.tokenizer_name(), LecternTokenizer::new(field));
    }
}
