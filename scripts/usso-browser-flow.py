#!/usr/bin/env python3
"""Writes the USSO browser flow (and the Keycloak flows a realm import then needs) at the end of both realm
templates: python3 scripts/usso-browser-flow.py nobind|bind (bind = also bind it in tenant-template.json; the demo
is always bound). Run from the repository root; it replaces what it wrote before (the keys browserFlow,
authenticatorConfig and authenticationFlows must stay the last ones of the file). After a merge conflict in the
templates: take the other side, then run this again."""
import json, sys
from collections import OrderedDict as O

def ex(auth=None, req="REQUIRED", prio=10, flow=None, config=None):
    e = O()
    if config: e["authenticatorConfig"] = config
    if flow:
        e["authenticatorFlow"] = True; e["requirement"] = req; e["priority"] = prio
        e["autheticatorFlow"] = True; e["flowAlias"] = flow
    else:
        e["authenticator"] = auth; e["authenticatorFlow"] = False; e["requirement"] = req; e["priority"] = prio
        e["autheticatorFlow"] = False
    e["userSetupAllowed"] = False
    return e

def fl(alias, desc, execs, top=False, builtin=False, provider="basic-flow"):
    return O([("alias", alias), ("description", desc), ("providerId", provider), ("topLevel", top),
              ("builtIn", builtin), ("authenticationExecutions", execs)])

flows, configs = [], []
# Keycloak's own flows, as a new 26.7 realm has them (a realm import with authenticationFlows gets only those given)
flows.append(fl("browser", "Browser based authentication", [
    ex("auth-cookie", "ALTERNATIVE", 10), ex("auth-spnego", "DISABLED", 20),
    ex("identity-provider-redirector", "ALTERNATIVE", 25), ex(flow="Organization", req="ALTERNATIVE", prio=26),
    ex(flow="forms", req="ALTERNATIVE", prio=30)], top=True, builtin=True))
flows.append(fl("Organization", None, [ex(flow="Browser - Conditional Organization", req="CONDITIONAL", prio=10)], builtin=True))
flows.append(fl("Browser - Conditional Organization", "Flow to determine if the organization identity-first login is to be used", [
    ex("conditional-user-configured", "REQUIRED", 10), ex("organization", "ALTERNATIVE", 20)], builtin=True))
flows.append(fl("forms", "Username, password, otp and other auth forms.", [
    ex("auth-username-password-form", "REQUIRED", 10), ex(flow="Browser - Conditional 2FA", req="CONDITIONAL", prio=20)], builtin=True))
flows.append(fl("Browser - Conditional 2FA", "Flow to determine if any 2FA is required for the authentication", [
    ex("conditional-user-configured", "REQUIRED", 10), ex("auth-otp-form", "ALTERNATIVE", 30),
    ex("webauthn-authenticator", "DISABLED", 40), ex("auth-recovery-authn-code-form", "DISABLED", 50)], builtin=True))
flows.append(fl("direct grant", "OpenID Connect Resource Owner Grant", [
    ex("direct-grant-validate-username", "REQUIRED", 10), ex("direct-grant-validate-password", "REQUIRED", 20),
    ex(flow="Direct Grant - Conditional OTP", req="CONDITIONAL", prio=30)], top=True, builtin=True))
flows.append(fl("Direct Grant - Conditional OTP", "Flow to determine if the OTP is required for the authentication", [
    ex("conditional-user-configured", "REQUIRED", 10), ex("direct-grant-validate-otp", "REQUIRED", 20)], builtin=True))
reg = ex(flow="registration form", req="REQUIRED", prio=10); reg["authenticator"] = "registration-page-form"
flows.append(fl("registration", "Registration flow", [reg], top=True, builtin=True))
flows.append(fl("registration form", "Registration form", [
    ex("registration-user-creation", "REQUIRED", 20), ex("registration-password-action", "REQUIRED", 50),
    ex("registration-recaptcha-action", "DISABLED", 60), ex("registration-terms-and-conditions", "DISABLED", 70)],
    builtin=True, provider="form-flow"))
flows.append(fl("saml ecp", "SAML ECP Profile Authentication Flow", [ex("http-basic-authenticator", "REQUIRED", 10)], top=True, builtin=True))

# USSO's browser flow
methods = [("password", "auth-password-form", "Password"), ("passkey", "webauthn-authenticator-passwordless", "Passkey"),
           ("magic-link", "usso-magic-link", "E-mail link"), ("email-otp", "usso-email-otp", "E-mail code"),
           ("sms-otp", "usso-sms-otp", "SMS code"), ("qr-login", "usso-qr-login", "QR login")]
flows.append(fl("usso browser", "USSO sign-in: session cookie, identity providers, workspaces (organizations), then the "
    "username and the methods the tenant enabled (Realm settings, Login methods)", [
    ex("auth-cookie", "ALTERNATIVE", 10), ex("identity-provider-redirector", "ALTERNATIVE", 20),
    ex(flow="usso organization", req="ALTERNATIVE", prio=30), ex(flow="usso forms", req="ALTERNATIVE", prio=40)], top=True))
flows.append(fl("usso organization", "Keycloak's organization identity-first step (workspace identity providers)", [
    ex(flow="usso organization - conditional", req="CONDITIONAL", prio=10)]))
flows.append(fl("usso organization - conditional", "Runs Keycloak's organization step", [
    ex("conditional-user-configured", "REQUIRED", 10), ex("organization", "ALTERNATIVE", 20)]))
flows.append(fl("usso forms", "Username first, then one enabled method, then the second factor the tenant's policy asks for", [
    ex("auth-username-form", "REQUIRED", 10), ex(flow="usso methods", req="REQUIRED", prio=20),
    ex(flow="usso second factor - optional", req="CONDITIONAL", prio=30),
    ex(flow="usso second factor - required", req="CONDITIONAL", prio=40)]))
method_execs = []
for i, (mid, auth, label) in enumerate(methods):
    alt = "usso method " + mid
    method_execs.append(ex(flow=alt, req="ALTERNATIVE", prio=10 * (i + 1)))
    flows.append(fl(alt, label + " (offered while the tenant enables '" + mid + "')", [
        ex(flow=alt + " - enabled", req="CONDITIONAL", prio=10)]))
    cfg = "usso-login-method-" + mid
    configs.append(O([("alias", cfg), ("config", O([("usso.login.method", mid)]))]))
    flows.append(fl(alt + " - enabled", "Runs when the tenant enables '" + mid + "'", [
        ex(auth, "REQUIRED", 10), ex("usso-condition-login-method", "REQUIRED", 20, config=cfg)]))
flows.append(fl("usso methods", "The first-factor methods; 'try another way' lists the enabled ones this user can use", method_execs))
configs.append(O([("alias", "usso-second-factor-optional"), ("config", O([("usso.login.second-factor", "optional")]))]))
configs.append(O([("alias", "usso-second-factor-required"), ("config", O([("usso.login.second-factor", "required")]))]))
flows.append(fl("usso second factor - optional", "Policy 'optional': users with a one-time-code app or security key are asked for it", [
    ex("usso-condition-second-factor", "REQUIRED", 10, config="usso-second-factor-optional"),
    ex("conditional-user-configured", "REQUIRED", 20),
    ex("auth-otp-form", "ALTERNATIVE", 30), ex("webauthn-authenticator", "ALTERNATIVE", 40)]))
flows.append(fl("usso second factor - required", "Policy 'required': a one-time code from an app, set up at the next sign-in when missing", [
    ex("usso-condition-second-factor", "REQUIRED", 10, config="usso-second-factor-required"),
    ex("auth-otp-form", "REQUIRED", 20)]))

def block(key, value):
    body = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
    return '  "' + key + '": ' + body

for name, bind in [("tenant-template.json", sys.argv[1] == "bind"), ("demo-tenant.json", True)]:
    path = "realm-templates/src/main/resources/realm-templates/" + name
    text = open(path).read()
    marker = ',\n  "browserFlow"'
    if marker in text:
        text = text[:text.index(marker)] + "\n}\n"
    marker = ',\n  "authenticatorConfig"'
    if marker in text:
        text = text[:text.index(marker)] + "\n}\n"
    body = text.rstrip()
    assert body.endswith("}")
    body = body[:-1].rstrip()
    parts = []
    if bind:
        parts.append('  "browserFlow": "usso browser"')
    parts.append(block("authenticatorConfig", configs))
    parts.append(block("authenticationFlows", flows))
    open(path, "w").write(body + ",\n" + ",\n".join(parts) + "\n}\n")
    json.loads(open(path).read())
