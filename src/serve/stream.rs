//! A response body written by a blocking task while it is sent: an export of a
//! million rows goes out as it is written, in chunks, with the memory of a few
//! chunks, and stops when the client goes away.
//!
//! The task writes into a [`Chunks`] writer; each full chunk goes through a
//! bounded channel (the task waits while the client is slow). What the task
//! reports before its first chunk decides the response: an error then is an
//! error page; after it, the body has begun and an error can only cut it short.

use std::io::{self, Write};

use axum::body::Body;
use tokio::sync::mpsc;

/// Bytes sent in one piece.
const CHUNK: usize = 64 * 1024;
/// Chunks in flight between the writer and the client.
const IN_FLIGHT: usize = 8;

/// What the writing task says.
enum Message<E> {
    Data(Vec<u8>),
    Failed(E),
}

/// The writer a streaming task writes into.
pub struct Chunks<E> {
    buffer: Vec<u8>,
    tx: mpsc::Sender<Message<E>>,
}

impl<E> Write for Chunks<E> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<E> Chunks<E> {
    fn send(&mut self) -> io::Result<()> {
        let chunk = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK));
        self.tx
            .blocking_send(Message::Data(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

/// Runs `write` on a blocking thread and answers with what it writes, streamed;
/// or with `E` when it fails before writing its first chunk.
pub async fn body<E: Send + 'static>(
    write: impl FnOnce(&mut Chunks<E>) -> Result<(), E> + Send + 'static,
) -> Result<Body, E> {
    let (tx, mut rx) = mpsc::channel(IN_FLIGHT);
    tokio::task::spawn_blocking(move || {
        let mut out = Chunks {
            buffer: Vec::with_capacity(CHUNK),
            tx: tx.clone(),
        };
        let message = match write(&mut out) {
            // The last chunk (an empty export still has its header row).
            Ok(()) => Message::Data(out.buffer),
            Err(e) => Message::Failed(e),
        };
        let _ = tx.blocking_send(message);
    });
    let first = match rx.recv().await {
        Some(Message::Data(bytes)) => bytes,
        Some(Message::Failed(e)) => return Err(e),
        None => Vec::new(),
    };
    let rest = futures_util::stream::unfold(rx, |mut rx| async move {
        match rx.recv().await? {
            Message::Data(bytes) => Some((Ok(bytes), rx)),
            Message::Failed(_) => Some((Err(io::Error::other("the export failed part way")), rx)),
        }
    });
    let first = futures_util::stream::once(async move { Ok::<_, io::Error>(first) });
    Ok(Body::from_stream(futures_util::StreamExt::chain(
        first, rest,
    )))
}
