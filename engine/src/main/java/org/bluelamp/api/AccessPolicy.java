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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;

/**
 * Who may call what: bearer tokens, each granting one {@link Role}, read from an auth file.
 *
 * <p>The file is JSON, one array of tokens per role (roles may be left out; a token belongs to
 * exactly one role):
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

    private final List<byte[]> digests;
    private final List<Role> roles;
    private final boolean open;

    private AccessPolicy(List<byte[]> digests, List<Role> roles, boolean open) {
        this.digests = digests;
        this.roles = roles;
        this.open = open;
    }

    /** Every caller is an admin, token or not (development on loopback only). */
    public static AccessPolicy open() {
        return new AccessPolicy(List.of(), List.of(), true);
    }

    /** A policy of the given tokens, role by token. */
    public static AccessPolicy of(Map<String, Role> tokens) {
        List<byte[]> ds = new ArrayList<>();
        List<Role> rs = new ArrayList<>();
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
        }
        return new AccessPolicy(List.copyOf(ds), List.copyOf(rs), false);
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
            for (JsonNode t : e.getValue()) {
                if (!t.isTextual()) {
                    throw BluelampException.invalid(
                            "auth",
                            "auth file " + file + ": role '" + e.getKey() + "' has a token that is not a string");
                }
                if (tokens.put(t.asText(), role) != null) {
                    throw BluelampException.invalid("auth", "auth file " + file + ": a token is listed twice");
                }
            }
        }
        try {
            return of(tokens);
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
        Role found = roleOf(authorization);
        if (!found.mayActAs(required)) {
            throw new CallRefused(
                    CallRefused.Why.PERMISSION_DENIED,
                    "authorization",
                    "role " + found.code() + " may not call " + method + " (it needs role " + required.code() + ")");
        }
        return found;
    }

    /**
     * The role of the caller presenting {@code authorization} ({@link Role#ADMIN} for everyone when
     * the policy is {@link #open()}).
     *
     * @throws CallRefused UNAUTHENTICATED for a missing or unknown token
     */
    public Role roleOf(String authorization) {
        if (open) {
            return Role.ADMIN;
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
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), d)) {
                found = roles.get(i); // no early exit: every digest is compared
            }
        }
        if (found == null) {
            throw new CallRefused(CallRefused.Why.UNAUTHENTICATED, "authorization", "unknown bearer token");
        }
        return found;
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
