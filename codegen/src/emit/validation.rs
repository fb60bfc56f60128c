//! `validate()` for structures and unions: every constraint the model states, every violation
//! reported with its path in wire names.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::types::ident;
use crate::ir::{Crate, Field, Struct, Ty, TyKind, TypeName, Union};
use crate::smithy::traits::Bounds;

/// The `validate` and `validate_with` methods of a structure.
pub fn struct_validation(s: &Struct) -> TokenStream {
    let checks = s.fields.iter().map(field_checks);
    methods(&s.name, quote!(#(#checks)*))
}

/// The `validate` and `validate_with` methods of a union: the set member is checked.
pub fn union_validation(u: &Union) -> TokenStream {
    let name = format_ident!("{}", u.name.name);
    let arms: Vec<_> = u
        .variants
        .iter()
        .filter_map(|variant| {
            let ty = variant.ty.as_ref()?;
            let checks = value_checks(ty, &quote!(value), ty.constraints.sensitive);
            if checks.is_empty() {
                return None;
            }
            let (variant_ident, member) = (format_ident!("{}", variant.name), &variant.json_name);
            Some(quote! {
                #name::#variant_ident(value) => {
                    v.member(#member);
                    #checks
                    v.leave();
                }
            })
        })
        .collect();
    let body = if arms.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            #[allow(clippy::single_match)]
            match self {
                #(#arms)*
                _ => {}
            }
        }
    };
    methods(&u.name, body)
}

fn methods(name: &TypeName, body: TokenStream) -> TokenStream {
    let ty = format_ident!("{}", name.name);
    let v = if body.is_empty() { quote!(_v) } else { quote!(v) };
    quote! {
        impl #ty {
            /// Checks every constraint of the model (required members, lengths, ranges, patterns,
            /// enum values, unique items) here and in nested values, reporting every violation.
            pub fn validate(&self) -> ::std::result::Result<(), crate::validation::ValidationErrors> {
                let mut validator = crate::validation::Validator::new();
                self.validate_with(&mut validator);
                validator.finish()
            }

            #[doc(hidden)]
            pub fn validate_with<'a>(&'a self, #v: &mut crate::validation::Validator<'a>) {
                #body
            }
        }
    }
}

fn field_checks(f: &Field) -> TokenStream {
    let name = ident(&f.name);
    let member = &f.json_name;
    let checks = value_checks(&f.ty, &quote!(value), f.ty.constraints.sensitive);
    let body = match (f.optional, f.can_be_missing(), checks.is_empty()) {
        (true, true, true) => quote! {
            if self.#name.is_none() {
                v.required();
            }
        },
        (true, true, false) => quote! {
            match &self.#name {
                ::std::option::Option::Some(value) => { #checks }
                ::std::option::Option::None => v.required(),
            }
        },
        (true, false, false) => quote! {
            if let ::std::option::Option::Some(value) = &self.#name { #checks }
        },
        (false, _, false) => quote! {
            let value = &self.#name;
            #checks
        },
        (_, _, true) => return TokenStream::new(),
    };
    let allow = f.deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        #allow
        {
            v.member(#member);
            #body
            v.leave();
        }
    }
}

/// Checks of one value (`value` is an expression of type `&T`); empty when nothing applies.
fn value_checks(ty: &Ty, value: &TokenStream, sensitive: bool) -> TokenStream {
    let c = &ty.constraints;
    let mut out = TokenStream::new();
    match &ty.kind {
        TyKind::String => {
            out.extend(length(c.length.as_ref(), quote!(#value.chars().count())));
            if let Some(pattern) = c.checked_pattern() {
                out.extend(quote! {
                    {
                        static PATTERN: ::std::sync::OnceLock<::std::option::Option<::regex_lite::Regex>> = ::std::sync::OnceLock::new();
                        let regex = PATTERN.get_or_init(|| ::regex_lite::Regex::new(#pattern).ok());
                        v.pattern(#value, #pattern, regex.as_ref().map(|r| r.is_match(#value)), #sensitive);
                    }
                });
            }
        }
        TyKind::Blob { streaming: true } => {}
        TyKind::Blob { streaming: false } => out.extend(length(c.length.as_ref(), quote!(#value.as_bytes().len()))),
        TyKind::Byte | TyKind::Short | TyKind::Integer | TyKind::Long => {
            if let Some(bounds) = &c.range {
                let (min, max) = (int_bound(bounds.min.as_ref(), f64::ceil), int_bound(bounds.max.as_ref(), f64::floor));
                out.extend(quote!(v.range_int(i128::from(*#value), #min, #max, #sensitive);));
            }
        }
        TyKind::Float | TyKind::Double => {
            if let Some(bounds) = &c.range {
                let (min, max) = (float_bound(bounds.min.as_ref()), float_bound(bounds.max.as_ref()));
                let widened = if matches!(ty.kind, TyKind::Float) { quote!(f64::from(*#value)) } else { quote!(*#value) };
                out.extend(quote!(v.range_float(#widened, #min, #max, #sensitive);));
            }
        }
        TyKind::BigInteger | TyKind::BigDecimal => {
            if let Some(bounds) = &c.range {
                let text = |n: Option<&serde_json::Number>| match n {
                    Some(n) => {
                        let s = n.to_string();
                        quote!(::std::option::Option::Some(#s))
                    }
                    None => quote!(::std::option::Option::None),
                };
                let (min, max) = (text(bounds.min.as_ref()), text(bounds.max.as_ref()));
                out.extend(quote!(v.range_decimal(#value.as_str(), #min, #max, #sensitive);));
            }
        }
        TyKind::Enum(name) => {
            let path = super::types::type_path(name);
            out.extend(quote! {
                if let #path::Unknown(unknown) = #value {
                    v.unknown_enum(unknown.as_str(), #sensitive);
                }
            });
        }
        TyKind::IntEnum(name) => {
            let path = super::types::type_path(name);
            out.extend(quote! {
                if let #path::Unknown(unknown) = #value {
                    v.unknown_enum(&unknown.to_string(), #sensitive);
                }
            });
        }
        TyKind::Struct(_) | TyKind::Union(_) => out.extend(quote!(#value.validate_with(v);)),
        TyKind::List { item, sparse } => {
            out.extend(length(c.length.as_ref(), quote!(#value.len())));
            if c.unique_items {
                out.extend(quote!(v.unique(#value);));
            }
            let item_checks = value_checks(item, &quote!(item), item.constraints.sensitive || sensitive);
            if !item_checks.is_empty() {
                let body = if *sparse { quote!(if let ::std::option::Option::Some(item) = item { #item_checks }) } else { item_checks };
                out.extend(quote! {
                    for (index, item) in #value.iter().enumerate() {
                        v.index(index);
                        #body
                        v.leave();
                    }
                });
            }
        }
        TyKind::Map { key, value: map_value, sparse } => {
            out.extend(length(c.length.as_ref(), quote!(#value.len())));
            let key_checks = value_checks(key, &quote!(key), key.constraints.sensitive || sensitive);
            let value_checks = value_checks(map_value, &quote!(entry), map_value.constraints.sensitive || sensitive);
            if !key_checks.is_empty() || !value_checks.is_empty() {
                let value_checks = if *sparse && !value_checks.is_empty() {
                    quote!(if let ::std::option::Option::Some(entry) = entry { #value_checks })
                } else {
                    value_checks
                };
                let pattern = if value_checks.is_empty() { quote!(key in #value.keys()) } else { quote!((key, entry) in #value) };
                out.extend(quote! {
                    for #pattern {
                        v.key(key.as_str());
                        #key_checks
                        #value_checks
                        v.leave();
                    }
                });
            }
        }
        TyKind::Boolean | TyKind::Timestamp | TyKind::Document | TyKind::Unit => {}
    }
    out
}

fn length(bounds: Option<&Bounds>, len: TokenStream) -> TokenStream {
    let Some(bounds) = bounds else { return TokenStream::new() };
    let bound = |n: Option<&serde_json::Number>| match n.and_then(|n| n.as_u64().or_else(|| n.as_f64().map(|f| f.max(0.0) as u64))) {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    };
    let (min, max) = (bound(bounds.min.as_ref()), bound(bounds.max.as_ref()));
    quote!(v.length(#len, #min, #max);)
}

fn int_bound(n: Option<&serde_json::Number>, round: fn(f64) -> f64) -> TokenStream {
    let value = n.and_then(|n| n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from)).or_else(|| n.as_f64().map(|f| round(f) as i128)));
    match (value, n) {
        (Some(v), Some(n)) => {
            let (lit, text) = (Literal::i128_unsuffixed(v), n.to_string());
            quote!(::std::option::Option::Some((#lit, #text)))
        }
        _ => quote!(::std::option::Option::None),
    }
}

fn float_bound(n: Option<&serde_json::Number>) -> TokenStream {
    match n.and_then(|n| n.as_f64().map(|f| (f, n.to_string()))) {
        Some((f, text)) => {
            let lit = Literal::f64_unsuffixed(f);
            quote!(::std::option::Option::Some((#lit, #text)))
        }
        None => quote!(::std::option::Option::None),
    }
}

/// Whether the crate needs `regex-lite` (some pattern it can compile is checked).
pub fn uses_regex(krate: &Crate) -> bool {
    fn ty_has(ty: &Ty) -> bool {
        let own = matches!(ty.kind, TyKind::String) && ty.constraints.checked_pattern().is_some();
        own || match &ty.kind {
            TyKind::List { item, .. } => ty_has(item),
            TyKind::Map { key, value, .. } => ty_has(key) || ty_has(value),
            _ => false,
        }
    }
    krate.structs.iter().flat_map(|s| &s.fields).any(|f| ty_has(&f.ty))
        || krate.unions.iter().flat_map(|u| &u.variants).filter_map(|v| v.ty.as_ref()).any(ty_has)
}
