/**
 * Telegram login for USSO tenants. Sub-packages: {@code proof} (Telegram's signed login data: Login Widget hash,
 * Mini App {@code initData} HMAC and Ed25519 signature, replay), {@code idp} (the "Telegram" identity provider and the
 * OIDC preset), {@code miniapp} (the {@code initData} token grant), {@code bot} (bot-confirmed login: webhook,
 * Bot API client, authenticator).
 */
package io.usso.keycloak.telegram;
