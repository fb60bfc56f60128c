//! Rust types and literals for IR types: the only place a `Ty` becomes tokens.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use crate::ir::{Crate, Field, Module, Ty, TyKind, TypeName};

/// An identifier from an already-escaped name (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The absolute path of a generated type, so no shape name can shadow it.
pub fn type_path(name: &TypeName) -> TokenStream {
    let ty = format_ident!("{}", name.name);
    match &name.module {
        Module::Types => quote!(crate::types::#ty),
        Module::Errors => quote!(crate::types::error::#ty),
        Module::Operation(module) => {
            let module = ident(module);
            quote!(crate::operation::#module::#ty)
        }
    }
}

pub fn rust_type(ty: &Ty) -> TokenStream {
    match &ty.kind {
        TyKind::String => quote!(::std::string::String),
        TyKind::Boolean => quote!(bool),
        TyKind::Byte => quote!(i8),
        TyKind::Short => quote!(i16),
        TyKind::Integer => quote!(i32),
        TyKind::Long => quote!(i64),
        TyKind::Float => quote!(f32),
        TyKind::Double => quote!(f64),
        TyKind::BigInteger => quote!(crate::primitives::BigInteger),
        TyKind::BigDecimal => quote!(crate::primitives::BigDecimal),
        TyKind::Timestamp => quote!(crate::primitives::DateTime),
        TyKind::Blob { streaming: true } => quote!(crate::body::ByteStream),
        TyKind::Blob { streaming: false } => quote!(crate::primitives::Blob),
        TyKind::Document => quote!(crate::primitives::Document),
        TyKind::Unit => quote!(crate::primitives::Unit),
        TyKind::Struct(n) | TyKind::Enum(n) | TyKind::IntEnum(n) | TyKind::Union(n) => type_path(n),
        TyKind::List { item, sparse } => {
            let item = element(item, *sparse);
            quote!(::std::vec::Vec<#item>)
        }
        TyKind::Map { key, value, sparse } => {
            let key = rust_type(key);
            let value = element(value, *sparse);
            quote!(::std::collections::BTreeMap<#key, #value>)
        }
    }
}

fn element(ty: &Ty, sparse: bool) -> TokenStream {
    let inner = rust_type(ty);
    if sparse {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

/// The type a field holds inside its structure: boxed and/or optional as the IR says.
pub fn field_type(field: &Field) -> TokenStream {
    let inner = boxed_type(field);
    if field.optional {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

/// The field's type without `Option`, boxed where the IR says.
pub fn boxed_type(field: &Field) -> TokenStream {
    let inner = rust_type(&field.ty);
    if field.boxed {
        quote!(::std::boxed::Box<#inner>)
    } else {
        inner
    }
}

/// Whether values of this type are `Copy` (accessors return them by value).
pub fn is_copy(ty: &Ty) -> bool {
    matches!(
        ty.kind,
        TyKind::Boolean | TyKind::Byte | TyKind::Short | TyKind::Integer | TyKind::Long | TyKind::Float | TyKind::Double | TyKind::Timestamp
    )
}

/// A constant of a member's default: its type and value, when Rust can write it as a `const`.
pub struct ConstDefault {
    pub ty: TokenStream,
    pub value: TokenStream,
}

pub fn const_default(krate: &Crate, ty: &Ty, value: &Value) -> Option<ConstDefault> {
    let scalar = |ty: TokenStream, value: TokenStream| Some(ConstDefault { ty, value });
    match (&ty.kind, value) {
        (TyKind::String, Value::String(s)) => scalar(quote!(&'static str), quote!(#s)),
        (TyKind::Boolean, Value::Bool(b)) => scalar(quote!(bool), quote!(#b)),
        (TyKind::Enum(name), Value::String(s)) => {
            let variant = enum_variant(krate, name, s)?;
            let path = type_path(name);
            scalar(path.clone(), quote!(#path::#variant))
        }
        (TyKind::IntEnum(name), Value::Number(n)) => {
            let variant = int_enum_variant(krate, name, n.as_i64()?)?;
            let path = type_path(name);
            scalar(path.clone(), quote!(#path::#variant))
        }
        (TyKind::List { item, sparse: false }, Value::Array(items)) => {
            let item_ty = match item.kind {
                TyKind::String => quote!(&'static str),
                _ => rust_type(item),
            };
            let values = items.iter().map(|v| const_default(krate, item, v).map(|c| c.value)).collect::<Option<Vec<_>>>()?;
            scalar(quote!(&'static [#item_ty]), quote!(&[#(#values),*]))
        }
        (kind, Value::Number(n)) => {
            let lit = number_literal(kind, n)?;
            scalar(rust_type(ty), lit)
        }
        _ => None,
    }
}

fn number_literal(kind: &TyKind, n: &serde_json::Number) -> Option<TokenStream> {
    use proc_macro2::Literal;
    let lit = match kind {
        TyKind::Byte => Literal::i8_unsuffixed(i8::try_from(n.as_i64()?).ok()?),
        TyKind::Short => Literal::i16_unsuffixed(i16::try_from(n.as_i64()?).ok()?),
        TyKind::Integer => Literal::i32_unsuffixed(i32::try_from(n.as_i64()?).ok()?),
        TyKind::Long => Literal::i64_unsuffixed(n.as_i64()?),
        TyKind::Float => Literal::f32_unsuffixed(n.as_f64()? as f32),
        TyKind::Double => Literal::f64_unsuffixed(n.as_f64()?),
        TyKind::Timestamp => {
            let secs = n.as_i64()?;
            return Some(quote!(crate::primitives::DateTime::from_secs(#secs)));
        }
        _ => return None,
    };
    Some(quote!(#lit))
}

/// An expression building a member's default value at run time, for any default Smithy allows.
pub fn default_expr(krate: &Crate, ty: &Ty, value: &Value) -> Option<TokenStream> {
    match (&ty.kind, value) {
        (TyKind::String, Value::String(s)) => Some(quote!(::std::string::String::from(#s))),
        (TyKind::List { .. }, Value::Array(a)) if a.is_empty() => Some(quote!(::std::vec::Vec::new())),
        (TyKind::Map { .. }, Value::Object(o)) if o.is_empty() => Some(quote!(::std::collections::BTreeMap::new())),
        (TyKind::Blob { streaming: true }, Value::String(s)) if s.is_empty() => Some(quote!(crate::body::ByteStream::default())),
        (TyKind::Blob { streaming: false }, Value::String(s)) if s.is_empty() => Some(quote!(crate::primitives::Blob::default())),
        (TyKind::Blob { streaming: false }, Value::String(s)) => {
            let bytes = proc_macro2::Literal::byte_string(s.as_bytes());
            Some(quote!(crate::primitives::Blob::new(#bytes.to_vec())))
        }
        (TyKind::Document, v) => Some(document_expr(v)),
        (TyKind::BigInteger, v) | (TyKind::BigDecimal, v) if v.is_number() => {
            let text = v.to_string();
            let path = rust_type(ty);
            Some(quote!(#text.parse::<#path>().unwrap_or_default()))
        }
        _ => const_default(krate, ty, value).map(|c| c.value),
    }
}

/// An expression building a `Document` equal to a JSON value from the model.
fn document_expr(value: &Value) -> TokenStream {
    let doc = quote!(crate::primitives::Document);
    match value {
        Value::Null => quote!(#doc::Null),
        Value::Bool(b) => quote!(#doc::Bool(#b)),
        Value::Number(n) => {
            let number = quote!(crate::primitives::Number);
            match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => quote!(#doc::Number(#number::PosInt(#u))),
                (None, Some(i), _) => quote!(#doc::Number(#number::NegInt(#i))),
                (_, _, f) => {
                    let f = f.unwrap_or_default();
                    quote!(#doc::Number(#number::Float(#f)))
                }
            }
        }
        Value::String(s) => quote!(#doc::String(::std::string::String::from(#s))),
        Value::Array(items) => {
            let items = items.iter().map(document_expr);
            quote!(#doc::Array(::std::vec![#(#items),*]))
        }
        Value::Object(members) => {
            let keys = members.keys();
            let values = members.values().map(document_expr);
            quote!(#doc::Object(::std::collections::BTreeMap::from([#((::std::string::String::from(#keys), #values)),*])))
        }
    }
}

fn enum_variant(krate: &Crate, name: &TypeName, value: &str) -> Option<Ident> {
    let e = krate.enums.iter().find(|e| &e.name == name)?;
    e.variants.iter().find(|v| v.value == value).map(|v| format_ident!("{}", v.name))
}

fn int_enum_variant(krate: &Crate, name: &TypeName, value: i64) -> Option<Ident> {
    let e = krate.int_enums.iter().find(|e| &e.name == name)?;
    e.variants.iter().find(|v| i64::from(v.value) == value).map(|v| format_ident!("{}", v.name))
}
