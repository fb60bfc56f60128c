//! How each operation is authenticated, decided once from the service's auth-definition traits,
//! `smithy.api#auth` (service and operation) and `smithy.api#optionalAuth`.

use serde_json::Value;

use crate::smithy::traits::{Traits, TraitsExt};

const SIGV4: &str = "aws.auth#sigv4";
const SIGV4A: &str = "aws.auth#sigv4a";
const API_KEY: &str = "smithy.api#httpApiKeyAuth";
const BASIC: &str = "smithy.api#httpBasicAuth";
const BEARER: &str = "smithy.api#httpBearerAuth";
const DIGEST: &str = "smithy.api#httpDigestAuth";
const AUTH: &str = "smithy.api#auth";
const OPTIONAL_AUTH: &str = "smithy.api#optionalAuth";
const UNSIGNED_PAYLOAD: &str = "aws.auth#unsignedPayload";

/// The auth-definition traits this generator knows, sorted by shape ID: the order Smithy gives a
/// service's schemes when no `@auth` orders them.
const KNOWN: [&str; 6] = [SIGV4, SIGV4A, API_KEY, BASIC, BEARER, DIGEST];

/// An authentication scheme a service declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthScheme {
    /// `aws.auth#sigv4`: AWS Signature Version 4 with this service name.
    SigV4 { signing_name: String },
    /// `aws.auth#sigv4a`: the multi-region variant of SigV4.
    SigV4a { signing_name: String },
    /// `smithy.api#httpBearerAuth`: `Authorization: Bearer <token>`.
    HttpBearer,
    /// `smithy.api#httpApiKeyAuth`: an API key in a header or the query string.
    HttpApiKey { name: String, location: ApiKeyLocation, scheme: Option<String> },
    /// `smithy.api#httpBasicAuth`.
    HttpBasic,
    /// `smithy.api#httpDigestAuth`.
    HttpDigest,
}

/// Where `httpApiKeyAuth` puts the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    Header,
    Query,
}

/// The authentication of one operation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OperationAuth {
    /// The schemes to try, in the model's priority order; empty means the operation is called
    /// anonymously.
    pub schemes: Vec<AuthScheme>,
    /// `smithy.api#optionalAuth`: the operation may also be called without authentication.
    pub optional: bool,
    /// `aws.auth#unsignedPayload`: SigV4 signs the request with `UNSIGNED-PAYLOAD` for its body.
    pub unsigned_payload: bool,
}

/// The schemes a service declares (its auth-definition traits), by trait ID.
fn declared(service: &Traits) -> Vec<(&'static str, AuthScheme)> {
    KNOWN.iter().filter_map(|id| Some((*id, scheme(id, service.get(*id)?)))).collect()
}

fn scheme(id: &str, value: &Value) -> AuthScheme {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
    match id {
        SIGV4 => AuthScheme::SigV4 { signing_name: text("name").unwrap_or_default() },
        SIGV4A => AuthScheme::SigV4a { signing_name: text("name").unwrap_or_default() },
        API_KEY => AuthScheme::HttpApiKey {
            name: text("name").unwrap_or_default(),
            location: if text("in").as_deref() == Some("query") { ApiKeyLocation::Query } else { ApiKeyLocation::Header },
            scheme: text("scheme"),
        },
        BASIC => AuthScheme::HttpBasic,
        BEARER => AuthScheme::HttpBearer,
        _ => AuthScheme::HttpDigest,
    }
}

/// The scheme IDs an `@auth` trait lists, in its order.
fn listed(traits: &Traits) -> Option<Vec<&str>> {
    traits.get(AUTH).and_then(Value::as_array).map(|ids| ids.iter().filter_map(Value::as_str).collect())
}

/// The operation's effective schemes: its own `@auth`, else the service's `@auth`, else every
/// scheme the service declares in shape-ID order. A listed scheme the service does not declare
/// (such as `smithy.api#noAuth`) is not a way to sign, so it is left out.
pub fn operation_auth(service: &Traits, operation: &Traits) -> OperationAuth {
    let declared = declared(service);
    let schemes = match listed(operation).or_else(|| listed(service)) {
        Some(ids) => ids.iter().filter_map(|id| declared.iter().find(|(known, _)| known == id).map(|(_, s)| s.clone())).collect(),
        None => declared.into_iter().map(|(_, s)| s).collect(),
    };
    OperationAuth { schemes, optional: operation.has(OPTIONAL_AUTH), unsigned_payload: operation.has(UNSIGNED_PAYLOAD) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn traits(value: Value) -> Traits {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn declared_schemes_in_shape_id_order_unless_auth_orders_them() {
        let service = traits(json!({BEARER: {}, SIGV4: {"name": "svc"}}));
        let sigv4 = AuthScheme::SigV4 { signing_name: "svc".into() };
        assert_eq!(operation_auth(&service, &Traits::new()).schemes, [sigv4.clone(), AuthScheme::HttpBearer]);
        let ordered = traits(json!({BEARER: {}, SIGV4: {"name": "svc"}, AUTH: [BEARER, SIGV4]}));
        assert_eq!(operation_auth(&ordered, &Traits::new()).schemes, [AuthScheme::HttpBearer, sigv4.clone()]);
        let op = traits(json!({AUTH: [SIGV4]}));
        assert_eq!(operation_auth(&ordered, &op).schemes, [sigv4]);
    }

    #[test]
    fn empty_auth_is_anonymous_and_flags_are_read() {
        let service = traits(json!({SIGV4: {"name": "sts"}}));
        let anonymous = operation_auth(&service, &traits(json!({AUTH: []})));
        assert!(anonymous.schemes.is_empty());
        let op = operation_auth(&service, &traits(json!({OPTIONAL_AUTH: {}, UNSIGNED_PAYLOAD: {}})));
        assert!(op.optional && op.unsigned_payload && op.schemes.len() == 1);
    }

    #[test]
    fn api_key_location_and_scheme() {
        let service = traits(json!({API_KEY: {"name": "X-Api-Key", "in": "query", "scheme": "ApiKey"}}));
        let expected = AuthScheme::HttpApiKey { name: "X-Api-Key".into(), location: ApiKeyLocation::Query, scheme: Some("ApiKey".into()) };
        assert_eq!(operation_auth(&service, &Traits::new()).schemes, [expected]);
    }
}
