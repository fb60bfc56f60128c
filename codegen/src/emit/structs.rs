//! Structures: the struct, its accessors and default constants, and its builder.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attrs, doc_lines};
use super::types::{boxed_type, const_default, default_expr, field_type, ident, is_copy, rust_type, type_path};
use crate::ir::naming::{self, bare, default_const};
use super::body::Directions;
use crate::ir::{Crate, Field, MetadataKind, Struct, TyKind};

pub fn emit_struct(krate: &Crate, d: &Directions, s: &Struct) -> TokenStream {
    let name = format_ident!("{}", s.name.name);
    let docs = doc_attrs(struct_docs(s).as_deref());
    let fields = s.fields.iter().map(field_def);
    let metadata_field = s.metadata.as_ref().map(|m| {
        let field = ident(&m.field);
        let ty = metadata_type(m.kind);
        quote!(pub(crate) #field: crate::error::Metadata<#ty>,)
    });
    let request_id = request_id_impl(s);
    let allow_deprecated = allow_deprecated(s);
    let manual_default = s.fields.iter().any(|f| !f.optional && f.default.as_ref().is_some_and(|v| !is_zero(&f.ty, v)));
    let sensitive = s.sensitive || s.fields.iter().any(|f| f.ty.contains_sensitive()) || redacts_message(s);
    let derive_default = (!manual_default).then(|| quote!(Default,));
    let derive_debug = (!sensitive).then(|| quote!(Debug,));
    let accessors = s.fields.iter().map(accessor);
    let defaults = s.fields.iter().map(|f| default_items(krate, s, f));
    let default_impl = manual_default.then(|| default_impl(krate, s));
    let debug_impl = sensitive.then(|| debug_impl(s));
    let builder = builder(krate, s);
    let validation = super::validation::struct_validation(s);
    let codec = super::body::struct_codec(krate, d, s);
    let builder_name = format_ident!("{}", naming::builder(&s.name.name));
    let builder_doc = format!(" A builder for [`{}`], which checks required members in `build()`.", s.name.name);
    quote! {
        #docs
        #[derive(#derive_debug Clone, PartialEq, #derive_default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #metadata_field
        }

        #allow_deprecated
        impl #name {
            #[doc = #builder_doc]
            pub fn builder() -> #builder_name {
                #builder_name::default()
            }
            #(#defaults)*
            #(#accessors)*
        }

        #request_id
        #validation
        #codec
        #default_impl
        #debug_impl
        #builder
    }
}

/// `#[allow(deprecated)]` for impls that touch the fields of a structure with deprecated members:
/// the crate's own uses must not warn; a user's still do.
pub fn allow_deprecated(s: &Struct) -> Option<TokenStream> {
    s.fields.iter().any(|f| f.deprecated).then(|| quote!(#[allow(deprecated)]))
}

/// The type a structure keeps its response metadata in.
pub fn metadata_type(kind: MetadataKind) -> TokenStream {
    match kind {
        MetadataKind::Response => quote!(crate::error::ResponseMetadata),
        MetadataKind::Error => quote!(crate::error::ErrorMetadata),
    }
}

/// `field: Default::default(),` for the metadata field in a struct literal, if there is one.
fn metadata_init(s: &Struct) -> Option<TokenStream> {
    s.metadata.as_ref().map(|m| {
        let field = ident(&m.field);
        quote!(#field: ::std::default::Default::default(),)
    })
}

/// `RequestId` for an operation output (errors implement it beside their other metadata).
fn request_id_impl(s: &Struct) -> Option<TokenStream> {
    let m = s.metadata.as_ref().filter(|m| m.kind == MetadataKind::Response)?;
    let name = format_ident!("{}", s.name.name);
    let field = ident(&m.field);
    Some(quote! {
        impl crate::error::RequestId for #name {
            fn request_id(&self) -> ::std::option::Option<&str> {
                self.#field.request_id()
            }

            fn extended_request_id(&self) -> ::std::option::Option<&str> {
                self.#field.extended_request_id()
            }
        }
    })
}

/// The structure's docs, plus a sentence for each member the generator left out.
fn struct_docs(s: &Struct) -> Option<String> {
    let omitted = s.omitted.iter().map(|(member, why)| format!("The member `{member}` is not part of this type: {why}."));
    let paragraphs: Vec<String> = s.docs.iter().cloned().chain(omitted).collect();
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"))
}

fn field_def(f: &Field) -> TokenStream {
    let name = ident(&f.name);
    let ty = field_type(f);
    let docs = doc_attrs(f.docs.as_deref());
    let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
    quote! { #docs #deprecated pub #name: #ty, }
}

/// Accessors in aws-sdk-rust's shapes: `&str` for strings, `&[T]` for lists, `Option<&T>` else.
fn accessor(f: &Field) -> TokenStream {
    let name = ident(&f.name);
    let docs = doc_attrs(f.docs.as_deref());
    let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
    let inner = rust_type(&f.ty);
    let (ret, body) = match (&f.ty.kind, f.optional) {
        (_, true) if f.boxed => (quote!(::std::option::Option<&#inner>), quote!(self.#name.as_deref())),
        (TyKind::String, true) => (quote!(::std::option::Option<&str>), quote!(self.#name.as_deref())),
        (TyKind::String, false) => (quote!(&str), quote!(&self.#name)),
        (TyKind::List { .. }, true) => {
            let item = list_item(f);
            (quote!(&[#item]), quote!(self.#name.as_deref().unwrap_or_default()))
        }
        (TyKind::List { .. }, false) => {
            let item = list_item(f);
            (quote!(&[#item]), quote!(&self.#name))
        }
        (_, true) if is_copy(&f.ty) => (quote!(::std::option::Option<#inner>), quote!(self.#name)),
        (_, false) if is_copy(&f.ty) => (inner, quote!(self.#name)),
        (_, true) => (quote!(::std::option::Option<&#inner>), quote!(self.#name.as_ref())),
        (_, false) => (quote!(&#inner), quote!(&self.#name)),
    };
    let allow = f.deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        #docs
        #deprecated
        pub fn #name(&self) -> #ret {
            #allow
            #body
        }
    }
}

fn list_item(f: &Field) -> TokenStream {
    match &f.ty.kind {
        TyKind::List { item, sparse: true } => {
            let item = rust_type(item);
            quote!(::std::option::Option<#item>)
        }
        TyKind::List { item, sparse: false } => rust_type(item),
        _ => unreachable!("list_item is only called for lists"),
    }
}

/// `X_DEFAULT` constants for every member with a default, and `x_or_default()` for optional ones.
fn default_items(krate: &Crate, s: &Struct, f: &Field) -> TokenStream {
    let Some(value) = f.any_default() else { return TokenStream::new() };
    let Some(constant) = const_default(krate, &f.ty, value) else { return TokenStream::new() };
    let const_name = format_ident!("{}", default_const(&f.name));
    let source = if f.default.is_some() {
        "the model's `@default`: a value the structure takes when the member is not set"
    } else {
        "the service's documentation: the value the service assumes when the member is absent; it is never sent for you"
    };
    let doc = doc_lines([format!("The default of `{}`, from {source}.", f.member_name).as_str()]);
    let (ty, val) = (constant.ty, constant.value);
    let const_item = quote! { #doc pub const #const_name: #ty = #val; };
    if !f.optional || f.boxed {
        return const_item;
    }
    let field = ident(&f.name);
    let method_name = format!("{}_or_default", bare(&f.name));
    // A member whose own accessor already has that name keeps it; this one then has the constant only.
    if s.fields.iter().any(|other| bare(&other.name) == method_name) || method_name == "builder" {
        return const_item;
    }
    let method = format_ident!("{}", method_name);
    let method_doc = doc_lines([format!("`{}`, or [`Self::{const_name}`] when it is not set.", f.member_name).as_str()]);
    let struct_path = type_path(&s.name);
    let (ret, body) = match &f.ty.kind {
        TyKind::String => (quote!(&str), quote!(self.#field.as_deref().unwrap_or(Self::#const_name))),
        TyKind::List { item, .. } if matches!(item.kind, TyKind::String) => return const_item,
        TyKind::List { .. } => {
            let item = list_item(f);
            (quote!(&[#item]), quote!(self.#field.as_deref().unwrap_or(Self::#const_name)))
        }
        _ if is_copy(&f.ty) => (ty.clone(), quote!(self.#field.unwrap_or(Self::#const_name))),
        _ => (
            quote!(&#ty),
            quote! {
                const DEFAULT: &#ty = &#struct_path::#const_name;
                self.#field.as_ref().unwrap_or(DEFAULT)
            },
        ),
    };
    quote! {
        #const_item
        #method_doc
        pub fn #method(&self) -> #ret {
            #body
        }
    }
}

fn default_impl(krate: &Crate, s: &Struct) -> TokenStream {
    let name = format_ident!("{}", s.name.name);
    let values = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let value = match (&f.default, f.optional) {
            (Some(v), false) => default_expr(krate, &f.ty, v).unwrap_or_else(|| quote!(::std::default::Default::default())),
            _ => quote!(::std::default::Default::default()),
        };
        quote!(#field: #value,)
    });
    let metadata = metadata_init(s);
    let allow_deprecated = allow_deprecated(s);
    quote! {
        #allow_deprecated
        impl ::std::default::Default for #name {
            fn default() -> Self {
                #name { #(#values)* #metadata }
            }
        }
    }
}

/// Whether an error structure's message is `@sensitive` (the structure, or its message member):
/// then neither `Debug` nor `Display` shows the message, whichever member or key carried it.
pub fn redacts_message(s: &Struct) -> bool {
    let Some(error) = &s.error else { return false };
    s.sensitive || error.message_field.and_then(|i| s.fields.get(i)).is_some_and(|f| f.ty.contains_sensitive())
}

/// `Debug` that prints `@sensitive` members as a placeholder.
fn debug_impl(s: &Struct) -> TokenStream {
    redacted_debug(s, &s.name.name, true)
}

/// The `Debug` impl of type `type_name` (the structure, or its builder, which has no metadata)
/// with the structure's `@sensitive` members printed as a placeholder.
fn redacted_debug(s: &Struct, type_name: &str, with_metadata: bool) -> TokenStream {
    let name = format_ident!("{}", type_name);
    let label = type_name;
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let label = bare(&f.name);
        if s.sensitive || f.ty.contains_sensitive() {
            quote!(.field(#label, &"*** Sensitive Data Redacted ***"))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    let metadata = s.metadata.as_ref().filter(|_| with_metadata).map(|m| {
        let field = ident(&m.field);
        let label = m.field.trim_start_matches('_');
        // The metadata keeps the message as the response sent it, which is the sensitive member.
        if redacts_message(s) {
            quote!(.field(#label, &self.#field.redacted()))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    let allow_deprecated = allow_deprecated(s);
    quote! {
        #allow_deprecated
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#fields)* #metadata .finish()
            }
        }
    }
}

/// Whether a default equals what `Default::default()` gives, so derived impls already match it.
/// Whether a default equals the type's `Default::default()` (a document's is `null`).
fn is_zero(ty: &crate::ir::Ty, value: &serde_json::Value) -> bool {
    use serde_json::Value;
    if matches!(ty.kind, TyKind::Document) {
        return value.is_null();
    }
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

fn builder(krate: &Crate, s: &Struct) -> TokenStream {
    let name = format_ident!("{}", s.name.name);
    let builder = format_ident!("{}", naming::builder(&s.name.name));
    let doc = format!(" A builder for [`{}`].", s.name.name);
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let ty = boxed_type(f);
        quote!(#field: ::std::option::Option<#ty>,)
    });
    let setters = s.fields.iter().map(setters);
    let fallible = s.fields.iter().any(Field::can_be_missing);
    let label = &s.name.name;
    let values = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let member = &f.member_name;
        let missing = quote!(crate::error::BuildError::missing(#label, #member));
        let value = match (f.optional, f.can_be_missing(), &f.default) {
            _ if f.builder_fills_token => quote!(self.#field.unwrap_or_else(crate::wire::idempotency_token)),
            (true, true, _) => quote!(::std::option::Option::Some(self.#field.ok_or_else(|| #missing)?)),
            (true, false, _) => quote!(self.#field),
            (false, true, _) => quote!(self.#field.ok_or_else(|| #missing)?),
            (false, false, Some(v)) if is_zero(&f.ty, v) => quote!(self.#field.unwrap_or_default()),
            (false, false, Some(v)) => match (const_default(krate, &f.ty, v), default_expr(krate, &f.ty, v)) {
                (Some(c), _) if !matches!(f.ty.kind, TyKind::String) => {
                    let value = c.value;
                    quote!(self.#field.unwrap_or(#value))
                }
                (_, Some(expr)) => quote!(self.#field.unwrap_or_else(|| #expr)),
                (_, None) => quote!(self.#field.unwrap_or_default()),
            },
            (false, false, None) => quote!(self.#field.unwrap_or_default()),
        };
        quote!(#field: #value,)
    });
    let metadata = metadata_init(s);
    let build_doc = if fallible {
        format!(" Builds the [`{label}`], failing when a required member was not set.")
    } else {
        format!(" Builds the [`{label}`]; members with a `@default` that were not set take it.")
    };
    let build = if fallible {
        quote! {
            #[doc = #build_doc]
            pub fn build(self) -> ::std::result::Result<#name, crate::error::BuildError> {
                ::std::result::Result::Ok(#name { #(#values)* #metadata })
            }
        }
    } else {
        quote! {
            #[doc = #build_doc]
            pub fn build(self) -> #name {
                #name { #(#values)* #metadata }
            }
        }
    };
    let allow_deprecated = allow_deprecated(s);
    // A builder holds the same values as the structure, so it redacts the same members.
    let redacts = s.sensitive || s.fields.iter().any(|f| f.ty.contains_sensitive());
    let derive_debug = (!redacts).then(|| quote!(Debug,));
    let debug_impl = redacts.then(|| redacted_debug(s, &naming::builder(&s.name.name), false));
    quote! {
        #[doc = #doc]
        #[derive(#derive_debug Clone, PartialEq, Default)]
        pub struct #builder {
            #(#fields)*
        }

        #debug_impl

        #allow_deprecated
        impl #builder {
            #(#setters)*
            #build
        }
    }
}

fn setters(f: &Field) -> TokenStream {
    let field = ident(&f.name);
    let set = format_ident!("{}", naming::setter(&f.name));
    let get = format_ident!("{}", naming::getter(&f.name));
    let ty = boxed_type(f);
    let member = &f.member_name;
    let (one_doc, one) = match &f.ty.kind {
        TyKind::List { item, sparse } => {
            let item = if *sparse {
                let t = rust_type(item);
                quote!(::std::option::Option<#t>)
            } else {
                rust_type(item)
            };
            (
                format!(" Appends one item to `{member}`."),
                quote! {
                    pub fn #field(mut self, item: impl ::std::convert::Into<#item>) -> Self {
                        self.#field.get_or_insert_with(::std::vec::Vec::new).push(item.into());
                        self
                    }
                },
            )
        }
        TyKind::Map { key, value, sparse } => {
            let key = rust_type(key);
            let value = if *sparse {
                let t = rust_type(value);
                quote!(::std::option::Option<#t>)
            } else {
                rust_type(value)
            };
            (
                format!(" Inserts one entry into `{member}`."),
                quote! {
                    pub fn #field(mut self, key: impl ::std::convert::Into<#key>, value: impl ::std::convert::Into<#value>) -> Self {
                        self.#field.get_or_insert_with(::std::collections::BTreeMap::new).insert(key.into(), value.into());
                        self
                    }
                },
            )
        }
        _ => {
            let inner = rust_type(&f.ty);
            let wrap = if f.boxed { quote!(::std::boxed::Box::new(input.into())) } else { quote!(input.into()) };
            (
                format!(" Sets `{member}`."),
                quote! {
                    pub fn #field(mut self, input: impl ::std::convert::Into<#inner>) -> Self {
                        self.#field = ::std::option::Option::Some(#wrap);
                        self
                    }
                },
            )
        }
    };
    let set_doc = format!(" Sets or clears `{member}`.");
    let get_doc = format!(" The value of `{member}` set so far.");
    quote! {
        #[doc = #one_doc]
        #one
        #[doc = #set_doc]
        pub fn #set(mut self, input: ::std::option::Option<#ty>) -> Self {
            self.#field = input;
            self
        }
        #[doc = #get_doc]
        pub fn #get(&self) -> &::std::option::Option<#ty> {
            &self.#field
        }
    }
}
