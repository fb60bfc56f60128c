//! `ByteStream`: the type of a streaming blob member, which may hold bytes or a reader.

use std::fmt;
use std::io::{self, Read};
use std::sync::{Arc, Mutex};

type Reader = Box<dyn Read + Send>;

/// The body of a `@streaming` blob member: bytes in memory, or a reader that is drained when the
/// request is serialized (once: a drained stream reads as empty afterwards).
///
/// Clones share one reader. Two streams are equal when both hold equal bytes, or share a reader.
#[derive(Clone, Default)]
pub struct ByteStream {
    source: Source,
}

#[derive(Clone)]
enum Source {
    Bytes(Vec<u8>),
    Reader(Arc<Mutex<Option<Reader>>>),
}

impl Default for Source {
    fn default() -> Self {
        Source::Bytes(Vec::new())
    }
}

impl ByteStream {
    /// A stream of the given bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        ByteStream { source: Source::Bytes(bytes.into()) }
    }

    /// A stream read from `reader` when the request is serialized.
    pub fn from_reader(reader: impl Read + Send + 'static) -> Self {
        ByteStream { source: Source::Reader(Arc::new(Mutex::new(Some(Box::new(reader))))) }
    }

    /// The bytes, when the stream holds bytes rather than an unread reader.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.source {
            Source::Bytes(bytes) => Some(bytes),
            Source::Reader(_) => None,
        }
    }

    /// Reads the whole stream: a copy of the bytes, or the reader drained to its end.
    pub fn collect(&self) -> io::Result<Vec<u8>> {
        match &self.source {
            Source::Bytes(bytes) => Ok(bytes.clone()),
            Source::Reader(shared) => {
                let mut guard = shared.lock().map_err(|_| io::Error::other("the stream's reader panicked"))?;
                let mut out = Vec::new();
                if let Some(mut reader) = guard.take() {
                    reader.read_to_end(&mut out)?;
                }
                Ok(out)
            }
        }
    }

    /// The stream as a reader, for a caller that consumes the body incrementally.
    pub fn into_reader(self) -> Box<dyn Read + Send> {
        match self.source {
            Source::Bytes(bytes) => Box::new(io::Cursor::new(bytes)),
            Source::Reader(shared) => match Arc::try_unwrap(shared).ok().and_then(|m| m.into_inner().ok()).flatten() {
                Some(reader) => reader,
                None => Box::new(io::empty()),
            },
        }
    }
}

impl PartialEq for ByteStream {
    fn eq(&self, other: &Self) -> bool {
        match (&self.source, &other.source) {
            (Source::Bytes(a), Source::Bytes(b)) => a == b,
            (Source::Reader(a), Source::Reader(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Source::Bytes(bytes) => write!(f, "ByteStream({} bytes)", bytes.len()),
            Source::Reader(_) => f.write_str("ByteStream(<reader>)"),
        }
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        ByteStream::new(bytes)
    }
}

impl From<&[u8]> for ByteStream {
    fn from(bytes: &[u8]) -> Self {
        ByteStream::new(bytes)
    }
}

impl From<&str> for ByteStream {
    fn from(text: &str) -> Self {
        ByteStream::new(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_and_readers() {
        let bytes = ByteStream::from("abc");
        assert_eq!(bytes.as_bytes(), Some(&b"abc"[..]));
        assert_eq!(bytes.collect().unwrap(), b"abc");
        assert_eq!(format!("{bytes:?}"), "ByteStream(3 bytes)");

        let stream = ByteStream::from_reader(io::Cursor::new(b"streamed".to_vec()));
        let clone = stream.clone();
        assert_eq!(stream, clone);
        assert_ne!(stream, ByteStream::from("streamed"));
        assert_eq!(stream.as_bytes(), None);
        assert_eq!(clone.collect().unwrap(), b"streamed");
        assert_eq!(stream.collect().unwrap(), b"", "a drained reader reads as empty");
    }

    #[test]
    fn into_reader_reads_everything() {
        let mut out = String::new();
        ByteStream::from("xyz").into_reader().read_to_string(&mut out).unwrap();
        assert_eq!(out, "xyz");
        let mut out = String::new();
        ByteStream::from_reader(io::Cursor::new(b"r".to_vec())).into_reader().read_to_string(&mut out).unwrap();
        assert_eq!(out, "r");
    }
}
