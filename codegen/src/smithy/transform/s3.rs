//! S3's endpoint rules put the bucket in the endpoint (`bucket.s3.amazonaws.com`, or `.../bucket`
//! for path-style addressing), so a request's path starts after it: `/{Bucket}/{Key+}` becomes
//! `/{Key+}`. A model without the rule set keeps the bucket in the path. `Bucket` stays an
//! `@httpLabel` member: the operation's endpoint parameters read it.

use std::borrow::Cow;

use serde_json::Value;

use crate::ir::http::UriPattern;
use crate::smithy::traits::{TraitsExt, HTTP};
use crate::smithy::{Model, ShapeType};

pub const SERVICE: &str = "com.amazonaws.s3#AmazonS3";
const RULE_SET: &str = "smithy.rules#endpointRuleSet";

pub fn strip_bucket_from_path<'m>(model: &'m Model, service: &str) -> Cow<'m, Model> {
    if !model.shape(service).is_some_and(|s| s.traits.has(RULE_SET)) {
        return Cow::Borrowed(model);
    }
    let stripped = |uri: &str| UriPattern::parse(uri).ok()?.without_leading_label("Bucket");
    let changes: Vec<(String, String)> = model
        .shapes
        .iter()
        .filter(|(_, shape)| shape.kind == ShapeType::Operation)
        .filter_map(|(id, shape)| {
            let uri = shape.traits.get(HTTP)?.get("uri")?.as_str()?;
            Some((id.clone(), stripped(uri)?.to_string()))
        })
        .collect();
    if changes.is_empty() {
        return Cow::Borrowed(model);
    }
    let mut model = model.clone();
    for (id, uri) in changes {
        if let Some(http) = model.shapes.get_mut(&id).and_then(|s| s.traits.get_mut(HTTP)).and_then(Value::as_object_mut) {
            http.insert("uri".to_string(), Value::String(uri));
        }
    }
    Cow::Owned(model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn model(with_rules: bool) -> Model {
        let mut service = json!({"type": "service", "version": "2006-03-01", "operations": [{"target": "com.amazonaws.s3#GetObject"}], "traits": {"aws.protocols#restXml": {}}});
        if with_rules {
            service["traits"][RULE_SET] = json!({"version": "1.0", "parameters": {}, "rules": []});
        }
        let text = json!({"smithy": "2.0", "shapes": {
            SERVICE: service,
            "com.amazonaws.s3#GetObject": {"type": "operation", "input": {"target": "com.amazonaws.s3#GetObjectRequest"},
                "traits": {"smithy.api#http": {"method": "GET", "uri": "/{Bucket}/{Key+}?x-id=GetObject"}}},
            "com.amazonaws.s3#GetObjectRequest": {"type": "structure", "members": {
                "Bucket": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
                "Key": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}}}
        }});
        crate::smithy::load(&text.to_string()).unwrap()
    }

    fn uri(model: &Model) -> &str {
        model.expect("com.amazonaws.s3#GetObject").traits[HTTP]["uri"].as_str().unwrap()
    }

    #[test]
    fn the_bucket_leaves_the_path_when_the_rule_set_places_it() {
        let original = model(true);
        let transformed = strip_bucket_from_path(&original, SERVICE);
        assert_eq!(uri(&transformed), "/{Key+}?x-id=GetObject");
        assert_eq!(uri(&original), "/{Bucket}/{Key+}?x-id=GetObject");
    }

    #[test]
    fn without_the_rule_set_the_model_is_untouched() {
        let original = model(false);
        assert!(matches!(strip_bucket_from_path(&original, SERVICE), Cow::Borrowed(_)));
    }
}
