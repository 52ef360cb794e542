//! The shop itself: its name, its admin keys and its settings.

use aftercart_shared::wire::WireName;
use std::collections::HashMap;

use aftercart_shared::ShopId;
use aftercart_shared::api::admin::DeliveryState;
use aftercart_shared::settings::SettingKey;
use serde::Deserialize;
use worker::{D1PreparedStatement, D1Result};

use super::db::Store;
use super::error::Error;
use super::row::{json_list, rows, text};

#[derive(Deserialize)]
struct SettingRow {
    key: String,
    value: String,
}

impl Store {
    pub async fn admin_key_matches(&self, shop: &ShopId, key_sha256: &str) -> Result<bool, Error> {
        #[derive(Deserialize)]
        struct Row {
            #[allow(dead_code, reason = "the row's existence is the answer")]
            shop_id: String,
        }
        let row: Option<Row> = self
            .statement(
                "SELECT shop_id FROM admin_keys WHERE shop_id = ?1 AND key_sha256 = ?2",
                &[text(shop.as_str()), text(key_sha256)],
            )?
            .first(None)
            .await?;
        Ok(row.is_some())
    }

    /// The shop's token epoch (see `shared::token`), or `None` for no such
    /// shop.
    pub async fn token_epoch(&self, shop: &ShopId) -> Result<Option<u32>, Error> {
        #[derive(Deserialize)]
        struct Row {
            token_epoch: u32,
        }
        let row: Option<Row> = self
            .statement(
                "SELECT token_epoch FROM shops WHERE id = ?1",
                &[text(shop.as_str())],
            )?
            .first(None)
            .await?;
        Ok(row.map(|r| r.token_epoch))
    }

    /// Raises the shop's token epoch, ending every shopper token minted
    /// before; the new epoch, or `None` for no such shop.
    pub async fn revoke_tokens(&self, shop: &ShopId) -> Result<Option<u32>, Error> {
        #[derive(Deserialize)]
        struct Row {
            token_epoch: u32,
        }
        let row: Option<Row> = self
            .statement(
                "UPDATE shops SET token_epoch = token_epoch + 1 WHERE id = ?1 \
                 RETURNING token_epoch",
                &[text(shop.as_str())],
            )?
            .first(None)
            .await?;
        Ok(row.map(|r| r.token_epoch))
    }

    /// The shop's display name ("Nordlys Outdoor"), or `None` for no such shop.
    pub async fn shop_name(&self, shop: &ShopId) -> Result<Option<String>, Error> {
        #[derive(Deserialize)]
        struct Row {
            name: String,
        }
        let row: Option<Row> = self
            .statement(
                "SELECT name FROM shops WHERE id = ?1",
                &[text(shop.as_str())],
            )?
            .first(None)
            .await?;
        Ok(row.map(|r| r.name))
    }

    /// A merchant setting stored as JSON, e.g. the returns policy.
    pub async fn setting(&self, shop: &ShopId, key: SettingKey) -> Result<Option<String>, Error> {
        #[derive(Deserialize)]
        struct Row {
            value: String,
        }
        let row: Option<Row> = self
            .statement(
                "SELECT value FROM shop_settings WHERE shop_id = ?1 AND key = ?2",
                &[text(shop.as_str()), text(key.wire_name())],
            )?
            .first(None)
            .await?;
        Ok(row.map(|r| r.value))
    }

    /// The stored documents of `keys`, by key name.
    pub async fn settings(
        &self,
        shop: &ShopId,
        keys: &[SettingKey],
    ) -> Result<HashMap<String, String>, Error> {
        let result = self.settings_statement(shop, keys)?.all().await?;
        settings_map(&result)
    }

    pub(super) fn settings_statement(
        &self,
        shop: &ShopId,
        keys: &[SettingKey],
    ) -> Result<D1PreparedStatement, Error> {
        self.statement(
            "SELECT key, value FROM shop_settings WHERE shop_id = ?1 \
             AND key IN (SELECT value FROM json_each(?2))",
            &[
                text(shop.as_str()),
                json_list(keys.iter().map(|k| k.wire_name())),
            ],
        )
    }

    /// Stores a validated setting document, replacing any earlier one.
    pub async fn put_setting(
        &self,
        shop: &ShopId,
        key: SettingKey,
        value: &str,
    ) -> Result<(), Error> {
        self.statement(
            "INSERT INTO shop_settings (shop_id, key, value) VALUES (?1, ?2, ?3) \
             ON CONFLICT (shop_id, key) DO UPDATE SET value = excluded.value",
            &[text(shop.as_str()), text(key.wire_name()), text(value)],
        )?
        .run()
        .await?;
        Ok(())
    }
}

impl Store {
    /// Removes a setting document. Removing the `return_webhook` also ends
    /// its pending deliveries in the same transaction (state `failed`,
    /// nothing due), so none is attempted after the merchant turned the
    /// webhook off, and no new event queues one (an outbox row is written
    /// only while the setting exists). Removing what is not there is no
    /// error: the result is the same.
    pub async fn delete_setting(&self, shop: &ShopId, key: SettingKey) -> Result<(), Error> {
        let mut statements = vec![self.statement(
            "DELETE FROM shop_settings WHERE shop_id = ?1 AND key = ?2",
            &[text(shop.as_str()), text(key.wire_name())],
        )?];
        if key == SettingKey::ReturnWebhook {
            statements.push(self.statement(
                "UPDATE webhook_outbox SET state = ?2, next_attempt_at = NULL \
                 WHERE shop_id = ?1 AND state = ?3",
                &[
                    text(shop.as_str()),
                    text(DeliveryState::Failed.wire_name()),
                    text(DeliveryState::Pending.wire_name()),
                ],
            )?);
        }
        self.commit(statements).await
    }
}

/// A result of `key, value` rows as a map.
pub(super) fn settings_map(result: &D1Result) -> Result<HashMap<String, String>, Error> {
    Ok(rows::<SettingRow>(result)?
        .into_iter()
        .map(|r| (r.key, r.value))
        .collect())
}
