/**
 * USSO "agents": service accounts the standard way. An agent is a confidential OpenID Connect client
 * ({@code agent-<name>}) with a service account that authenticates with {@code private_key_jwt} — a JWT it signs
 * itself with Ed25519 (EdDSA) or P-256 (ES256), key id = SHA-256 hex of the public key's SubjectPublicKeyInfo as
 * in USSO — and gets access tokens with the {@code client_credentials} grant. {@code /realms/{realm}/agents}
 * creates agents from a caller's public key or generates the key pair and returns USSO's credentials file once
 * ({@code type: "agent", client_id, private_key, token_uri, ...}); lists, re-keys and deletes them. Keycloak's
 * own {@code JWTClientAuthenticator} verifies the agents' assertions: nothing here sits on the token path.
 */
package io.usso.keycloak.apikeys.agents;
