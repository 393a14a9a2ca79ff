package org.paperboy.admin;

import org.paperboy.ConfigRange;

/**
 * The {@code admin} section. The admin pages exist only when a password is set, best from the
 * environment ({@code PAPERBOY_ADMIN_PASSWORD}); without one {@code /admin} answers 404.
 *
 * @param username                 the HTTP Basic user name (default admin)
 * @param failedLoginsPer10Minutes failed logins one client network (an IPv4 address, an IPv6 /64) may make in ten minutes
 *                                 before it is refused for a while
 */
public record AdminConfig(String password, String username, Integer failedLoginsPer10Minutes) {

    public static final AdminConfig DEFAULTS = new AdminConfig(null, null, null);

    public AdminConfig {
        password = password == null || password.isEmpty() ? null : password;
        if (password != null && password.length() < 12) {
            throw new IllegalArgumentException("admin.password must be at least 12 characters (got " + password.length() + ")");
        }
        username = username == null || username.isBlank() ? "admin" : username.strip();
        if (username.contains(":")) {
            throw new IllegalArgumentException("admin.username must not contain a colon, got \"" + username + "\"");
        }
        failedLoginsPer10Minutes = ConfigRange.atLeast("admin.failedLoginsPer10Minutes", failedLoginsPer10Minutes, 10, 1);
    }

    public boolean enabled() {
        return password != null;
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "AdminConfig[username=" + username + ", password=" + (password == null ? "(none)" : "(hidden)")
                + ", failedLoginsPer10Minutes=" + failedLoginsPer10Minutes + "]";
    }
}
