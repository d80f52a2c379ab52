package org.bluelamp.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;

/**
 * Who may call what: bearer tokens, each granting one {@link Role}, read from an auth file.
 *
 * <p>The file is JSON, one array of tokens per role (roles may be left out; a token belongs to
 * exactly one role). A token is a string (named {@code <role>-<n>} in the audit trail, n from 1
 * within its role) or an object {@code {"name": "console-3", "token": "..."}} naming it:
 *
 * <pre>{@code
 * {
 *   "gateway": ["gw-7f3c9a1e5b2d4c6f8a0b"],
 *   "console": ["con-1c2d3e4f5a6b7c8d9e0f", "con-..."],
 *   "planner": [],
 *   "metrics": ["met-5a6b7c8d9e0f1a2b3c4d"],
 *   "admin":   ["adm-9e8d7c6b5a4f3e2d1c0b"]
 * }
 * }</pre>
 *
 * <p>Tokens are at least 16 characters of printable ASCII. Clients send
 * {@code authorization: Bearer <token>} as call metadata (gRPC and gRPC-Web alike). Only SHA-256
 * digests of the tokens are kept, and a presented token is compared with every known digest in
 * constant time ({@link MessageDigest#isEqual}), never stopping at the first match, so timing
 * tells nothing about which tokens exist.
 *
 * <p>{@link #open()} is the development mode of {@code serve} without {@code --auth}: every caller
 * is an admin. The command line only allows it on a loopback address.
 *
 * <p>Thread-safety: immutable.
 */
public final class AccessPolicy {
    /** Shortest token accepted in an auth file. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** Who called: the role of the caller's token and the token's name (for the audit trail). */
    public record Caller(Role role, String name) {
        /** The caller of a service without {@code --auth}. */
        public static final Caller OPEN = new Caller(Role.ADMIN, "no-auth");
    }

    private final List<byte[]> digests;
    private final List<Role> roles;
    private final List<String> names;
    private final boolean open;

    private AccessPolicy(List<byte[]> digests, List<Role> roles, List<String> names, boolean open) {
        this.digests = digests;
        this.roles = roles;
        this.names = names;
        this.open = open;
    }

    /** Every caller is an admin, token or not (development on loopback only). */
    public static AccessPolicy open() {
        return new AccessPolicy(List.of(), List.of(), List.of(), true);
    }

    /** A policy of the given tokens, role by token; each token named {@code <role>-<n>} (1 for a role's first). */
    public static AccessPolicy of(Map<String, Role> tokens) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<Role, Integer> counts = new java.util.EnumMap<>(Role.class);
        for (Map.Entry<String, Role> e : tokens.entrySet()) {
            int n = counts.merge(e.getValue(), 1, Integer::sum);
            names.put(e.getKey(), e.getValue().code() + "-" + n);
        }
        return of(tokens, names);
    }

    /**
     * A policy of the given tokens, role by token, each with its name (what the audit trail calls
     * the caller).
     */
    public static AccessPolicy of(Map<String, Role> tokens, Map<String, String> namesByToken) {
        List<byte[]> ds = new ArrayList<>();
        List<Role> rs = new ArrayList<>();
        List<String> ns = new ArrayList<>();
        for (Map.Entry<String, Role> e : tokens.entrySet()) {
            checkToken(e.getKey(), e.getValue());
            byte[] d = sha256(e.getKey());
            for (int i = 0; i < ds.size(); i++) {
                if (MessageDigest.isEqual(ds.get(i), d)) {
                    throw BluelampException.invalid(
                            "auth",
                            "a token is listed twice (for roles " + rs.get(i).code() + " and "
                                    + e.getValue().code() + "): give each token one role");
                }
            }
            ds.add(d);
            rs.add(Objects.requireNonNull(e.getValue(), "role"));
            String name = namesByToken.get(e.getKey());
            ns.add(name == null ? e.getValue().code() : name);
        }
        return new AccessPolicy(List.copyOf(ds), List.copyOf(rs), List.copyOf(ns), false);
    }

    /**
     * Reads an auth file (format above).
     *
     * @throws BluelampException INVALID_ARGUMENT naming "auth" when the file is unreadable or wrong
     */
    public static AccessPolicy load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BluelampException(
                    ErrorKind.INVALID_ARGUMENT, "auth", "cannot read auth file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw BluelampException.invalid(
                    "auth",
                    "auth file " + file
                            + " must be a JSON object of role -> array of tokens, e.g. {\"console\": [\"...\"]}");
        }
        Map<String, Role> tokens = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Role role = Role.find(e.getKey())
                    .orElseThrow(() -> BluelampException.invalid(
                            "auth",
                            "auth file " + file + ": unknown role '" + e.getKey()
                                    + "'; roles are gateway, console, planner, metrics, admin"));
            if (!e.getValue().isArray()) {
                throw BluelampException.invalid(
                        "auth",
                        "auth file " + file + ": role '" + e.getKey() + "' must map to an array of token strings");
            }
            int n = 0;
            for (JsonNode t : e.getValue()) {
                n++;
                String token;
                String name;
                if (t.isTextual()) {
                    token = t.asText();
                    name = role.code() + "-" + n;
                } else if (t.isObject()
                        && t.path("token").isTextual()
                        && t.path("name").isTextual()) {
                    token = t.get("token").asText();
                    name = t.get("name").asText();
                    String why = org.bluelamp.input.Ids.problem(name);
                    if (why != null) {
                        throw BluelampException.invalid(
                                "auth",
                                "auth file " + file + ": role '" + e.getKey() + "' has a token name that is not a "
                                        + "valid id: " + why);
                    }
                } else {
                    throw BluelampException.invalid(
                            "auth",
                            "auth file " + file + ": role '" + e.getKey() + "' has a token that is neither a string "
                                    + "nor {\"name\": \"...\", \"token\": \"...\"}");
                }
                if (tokens.put(token, role) != null) {
                    throw BluelampException.invalid("auth", "auth file " + file + ": a token is listed twice");
                }
                names.put(token, name);
            }
        }
        try {
            return of(tokens, names);
        } catch (BluelampException e) {
            throw BluelampException.invalid("auth", "auth file " + file + ": " + e.getMessage());
        }
    }

    /** Whether every caller is let in (no auth file). */
    public boolean isOpen() {
        return open;
    }

    /**
     * The caller's role, checked against the role a call requires.
     *
     * @param authorization the {@code authorization} metadata value, or null
     * @param required the role the call needs ({@link Role#ADMIN} may make every call)
     * @param method the call's full name, for the message
     * @throws CallRefused UNAUTHENTICATED for a missing or unknown token, PERMISSION_DENIED for a
     *     role without the right
     */
    public Role authorize(String authorization, Role required, String method) {
        return identify(authorization, EnumSet.of(required), method).role();
    }

    /**
     * The caller's role, checked against the roles that may make a call (admin may make every call).
     *
     * @throws CallRefused UNAUTHENTICATED for a missing or unknown token, PERMISSION_DENIED for a
     *     role that is not among {@code allowed}
     */
    public Role authorize(String authorization, Set<Role> allowed, String method) {
        return identify(authorization, allowed, method).role();
    }

    /**
     * As {@link #authorize(String, Role, String)}, with the name of the caller's token.
     *
     * @throws CallRefused as {@link #authorize(String, Role, String)}
     */
    public Caller identify(String authorization, Role required, String method) {
        return identify(authorization, EnumSet.of(required), method);
    }

    /**
     * As {@link #authorize(String, Set, String)}, with the name of the caller's token.
     *
     * @throws CallRefused as {@link #authorize(String, Set, String)}
     */
    public Caller identify(String authorization, Set<Role> allowed, String method) {
        Caller caller = callerOf(authorization);
        Role found = caller.role();
        if (found != Role.ADMIN && !allowed.contains(found)) {
            StringBuilder needs = new StringBuilder();
            for (Role r : allowed) {
                needs.append(needs.isEmpty() ? "" : " or ").append(r.code());
            }
            throw new CallRefused(
                    CallRefused.Why.PERMISSION_DENIED,
                    "authorization",
                    "role " + found.code() + " may not call " + method + " (it needs role " + needs + ")");
        }
        return caller;
    }

    /**
     * The role of the caller presenting {@code authorization} ({@link Role#ADMIN} for everyone when
     * the policy is open).
     *
     * @throws CallRefused UNAUTHENTICATED for a missing or unknown token
     */
    public Role roleOf(String authorization) {
        return callerOf(authorization).role();
    }

    /** The caller presenting {@code authorization}; UNAUTHENTICATED for a missing or unknown token. */
    private Caller callerOf(String authorization) {
        if (open) {
            return Caller.OPEN;
        }
        if (authorization == null || authorization.isBlank()) {
            throw new CallRefused(
                    CallRefused.Why.UNAUTHENTICATED,
                    "authorization",
                    "no bearer token: send metadata 'authorization: Bearer <token>'");
        }
        String value = authorization.trim();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new CallRefused(
                    CallRefused.Why.UNAUTHENTICATED, "authorization", "authorization must be 'Bearer <token>'");
        }
        byte[] d = sha256(value.substring(7).trim());
        Role found = null;
        String name = null;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), d)) {
                found = roles.get(i); // no early exit: every digest is compared
                name = names.get(i);
            }
        }
        if (found == null) {
            throw new CallRefused(CallRefused.Why.UNAUTHENTICATED, "authorization", "unknown bearer token");
        }
        return new Caller(found, name);
    }

    private static void checkToken(String token, Role role) {
        if (token == null || token.length() < MIN_TOKEN_LENGTH) {
            throw BluelampException.invalid(
                    "auth",
                    "a token of role " + role.code() + " is shorter than " + MIN_TOKEN_LENGTH
                            + " characters: use long random tokens");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c > '~') {
                throw BluelampException.invalid(
                        "auth",
                        "a token of role " + role.code() + " has a character that is not printable ASCII (or a blank)");
            }
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
