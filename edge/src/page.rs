//! One pagination kit for the paged lists. A list reads `?cursor=` (where
//! the previous page ended) and, where the caller may choose, `?limit=`;
//! the store reads one row more than the page, and that row says whether
//! another page follows. The public reviews page by number instead.

use aftercart_shared::api::admin::FlagCursor;
use aftercart_shared::reviews::ReviewCursor;
use worker::Request;

use crate::error::ApiError;
use crate::http;

/// Where a page ended, as the next page's `?cursor=` says it.
pub trait Cursor: Sized {
    fn parse(raw: &str) -> Option<Self>;
    fn encode(&self) -> String;
}

/// A page to read: after `after`, `size` items.
#[derive(Debug)]
pub struct PageRequest<C> {
    pub after: Option<C>,
    pub size: u32,
}

impl<C: Cursor> PageRequest<C> {
    /// `?cursor=` of a list with pages of one size.
    pub fn fixed(req: &Request, size: u32) -> Result<Self, ApiError> {
        Ok(Self {
            after: cursor(req)?,
            size,
        })
    }

    /// `?cursor=` and `?limit=` (1 to `max`, else `default`).
    pub fn sized(req: &Request, default: u32, max: u32) -> Result<Self, ApiError> {
        let after = cursor(req)?;
        let size = http::query(req, "limit")?
            .map(|raw| {
                raw.parse::<u32>()
                    .ok()
                    .filter(|l| (1..=max).contains(l))
                    .ok_or_else(|| {
                        ApiError::invalid("limit", format!("must be between 1 and {max}"))
                    })
            })
            .transpose()?
            .unwrap_or(default);
        Ok(Self { after, size })
    }

    /// How many rows to read: one more than the page.
    pub fn rows(&self) -> u32 {
        self.size + 1
    }
}

/// One page of a list and the cursor of the next, if there is one.
#[derive(Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// The page in `rows` (read with [`PageRequest::rows`]); `cursor` says
    /// where an item ends a page.
    pub fn cut<C: Cursor>(
        mut rows: Vec<T>,
        request: &PageRequest<C>,
        cursor: impl Fn(&T) -> Option<C>,
    ) -> Self {
        let size = request.size as usize;
        let more = rows.len() > size;
        rows.truncate(size);
        let next_cursor = more
            .then(|| rows.last().and_then(&cursor))
            .flatten()
            .map(|c| c.encode());
        Self {
            items: rows,
            next_cursor,
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

fn cursor<C: Cursor>(req: &Request) -> Result<Option<C>, ApiError> {
    http::query(req, "cursor")?
        .map(|raw| {
            C::parse(&raw)
                .ok_or_else(|| ApiError::invalid("cursor", "not a cursor from an earlier page"))
        })
        .transpose()
}

/// `?page=N` of a list paged by number: 1 to `max`, else 1.
pub fn number(req: &Request, max: u32) -> Result<u32, ApiError> {
    http::query(req, "page")?.map_or(Ok(1), |raw| {
        raw.parse::<u32>()
            .ok()
            .filter(|p| (1..=max).contains(p))
            .ok_or_else(|| {
                ApiError::invalid("page", format!("must be a whole number from 1 to {max}"))
            })
    })
}

/// Returns: below this number.
impl Cursor for u64 {
    fn parse(raw: &str) -> Option<Self> {
        raw.parse().ok()
    }

    fn encode(&self) -> String {
        self.to_string()
    }
}

/// Webhook deliveries: below this id.
impl Cursor for i64 {
    fn parse(raw: &str) -> Option<Self> {
        raw.parse().ok()
    }

    fn encode(&self) -> String {
        self.to_string()
    }
}

impl Cursor for FlagCursor {
    fn parse(raw: &str) -> Option<Self> {
        Self::parse(raw)
    }

    fn encode(&self) -> String {
        self.to_string()
    }
}

impl Cursor for ReviewCursor {
    fn parse(raw: &str) -> Option<Self> {
        Self::parse(raw)
    }

    fn encode(&self) -> String {
        self.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(size: u32) -> PageRequest<u64> {
        PageRequest { after: None, size }
    }

    #[test]
    fn one_row_more_than_the_page_says_another_follows() {
        let request = request(2);
        assert_eq!(request.rows(), 3);
        let page = Page::cut(vec![9_u64, 8, 7], &request, |n| Some(*n));
        assert_eq!(page.items, [9, 8]);
        assert_eq!(page.next_cursor.as_deref(), Some("8"));

        let last = Page::cut(vec![9_u64, 8], &request, |n| Some(*n));
        assert_eq!(last.items, [9, 8]);
        assert_eq!(last.next_cursor, None);
    }

    #[test]
    fn cursors_read_back_what_they_wrote() {
        assert_eq!(<u64 as Cursor>::parse(&17_u64.encode()), Some(17));
        assert_eq!(<u64 as Cursor>::parse("abc"), None);
        assert_eq!(<u64 as Cursor>::parse("-1"), None);
        assert_eq!(<i64 as Cursor>::parse("-1"), Some(-1));
    }
}
