//! JSON Schemas for the wire types whose serde impls are written by hand
//! (`openapi` feature only). Each says what its `parse` accepts, so the
//! OpenAPI document and the boundary agree on the shape.

/// `impl JsonSchema for $ty` from a literal schema.
macro_rules! schema_as {
    ($ty:ty, $name:literal, $schema:tt) => {
        impl ::schemars::JsonSchema for $ty {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!($schema)
            }
        }
    };
}

schema_as!(crate::UnixTime, "UnixTime", {
    "type": "string",
    "format": "date-time",
    "description": "RFC 3339, UTC"
});
schema_as!(crate::TrackingUrl, "TrackingUrl", {
    "type": "string",
    "format": "uri",
    "description": "An http(s) link to a carrier's tracking page"
});
schema_as!(crate::outbound::WebhookUrl, "WebhookUrl", {
    "type": "string",
    "format": "uri",
    "description": "A public https endpoint"
});
schema_as!(crate::returns::RmaNumber, "RmaNumber", {
    "type": "string",
    "minLength": 1,
    "description": "A return's number, as printed on its slip"
});
schema_as!(crate::i18n::Overrides, "Overrides", {
    "type": "object",
    "description": "A merchant's copy: { <language>: { <message key>: text } }",
    "additionalProperties": {
        "type": "object",
        "additionalProperties": { "type": "string", "minLength": 1, "maxLength": 500 }
    }
});
