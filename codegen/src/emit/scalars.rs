//! Scalars as text, as XML bodies, query strings and headers carry them.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::rust_type;
use crate::ir::http::TimestampFormat;
use crate::ir::{Ty, TyKind};

/// An expression of type `T` parsed from the text `text` (a `&str`) of a scalar, using `?` for
/// errors; a timestamp without `@timestampFormat` is read in the format `timestamps`.
pub fn parse_text(ty: &Ty, text: &TokenStream, timestamps: TimestampFormat) -> TokenStream {
    match &ty.kind {
        TyKind::String => quote!(::std::string::ToString::to_string(#text)),
        TyKind::Boolean => quote!(crate::wire::parse_bool(#text)?),
        TyKind::Byte => quote!(crate::wire::parse_int::<i8>(#text)?),
        TyKind::Short => quote!(crate::wire::parse_int::<i16>(#text)?),
        TyKind::Integer => quote!(crate::wire::parse_int::<i32>(#text)?),
        TyKind::Long => quote!(crate::wire::parse_int::<i64>(#text)?),
        TyKind::Float => quote!(crate::wire::parse_float32(#text)?),
        TyKind::Double => quote!(crate::wire::parse_float(#text)?),
        TyKind::BigInteger | TyKind::BigDecimal => {
            let path = rust_type(ty);
            quote!(#text.trim().parse::<#path>()?)
        }
        TyKind::Timestamp => match ty.timestamp_format.unwrap_or(timestamps) {
            TimestampFormat::HttpDate => quote!(crate::primitives::DateTime::parse_http_date(#text.trim())?),
            TimestampFormat::EpochSeconds => quote!(crate::primitives::DateTime::parse_epoch_seconds(#text.trim())?),
            TimestampFormat::DateTime => quote!(crate::primitives::DateTime::parse_date_time(#text.trim())?),
        },
        TyKind::Blob { .. } => quote!(crate::primitives::Blob::from_base64(#text.trim())?),
        TyKind::Enum(_) => {
            let path = rust_type(ty);
            quote!(#path::from(#text))
        }
        TyKind::IntEnum(_) => {
            let path = rust_type(ty);
            quote!(#path::from(crate::wire::parse_int::<i32>(#text)?))
        }
        _ => quote!(::std::default::Default::default()),
    }
}

