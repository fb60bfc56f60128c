//! The error envelope the XML protocols share: `Code`, `Message` and the request ID from the
//! `<Error>` element, wherever restXml, awsQuery or ec2Query put it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::body::xml;
use crate::ir::http::TimestampFormat;
use crate::ir::Field;

/// Statements defining `meta` and `members` (the body, when it could be read as XML).
pub(super) fn metadata() -> TokenStream {
    quote! {
        let (meta, readable) = crate::xml::error_metadata(headers, body);
        let members: &[u8] = if readable { body } else { &[] };
    }
}

/// Statements filling `out` with `fields` from the `<Error>` element of `body`.
pub(super) fn members(fields: &[Field], timestamps: TimestampFormat) -> TokenStream {
    if fields.is_empty() {
        return TokenStream::new();
    }
    let read = xml::read_members(fields, timestamps);
    quote! {
        crate::xml::read_error_element(body, |el| {
            #read
            ::std::result::Result::Ok(())
        })?;
    }
}
