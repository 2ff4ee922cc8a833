package org.cairnmq.admin.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Guards the API's state-changing requests (POST, PUT, PATCH, DELETE) against cross-site request forgery.
 * The rule:
 * <ul>
 *   <li>A request that carries a session cookie (the console in a browser) must send the session's token
 *       in {@code X-CSRF-Token}; {@code GET /api/session} hands it out.</li>
 *   <li>A request without a session cookie (an API client with HTTP Basic) needs no token, but a body it
 *       sends must be {@code application/json}: a page of another site cannot send that, nor use PUT or
 *       DELETE, without a CORS preflight, which this server never allows.</li>
 * </ul>
 * Refusals are 403 with an error body whose {@code error} is {@code CSRF}.
 */
@WebFilter("/api/*")
public class CsrfProtection extends HttpFilter {
    /** The request header that carries the token. */
    public static final String HEADER = "X-CSRF-Token";
    private static final String SESSION_ATTRIBUTE = CsrfProtection.class.getName() + ".token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The session's token, made on first use. */
    public static String tokenOf(HttpSession session) {
        synchronized (session) {
            String token = (String) session.getAttribute(SESSION_ATTRIBUTE);
            if (token == null) {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                session.setAttribute(SESSION_ATTRIBUTE, token);
            }
            return token;
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String refusal = refusal(request);
        if (refusal == null) {
            chain.doFilter(request, response);
        } else {
            JsonErrors.write(response, 403, "CSRF", refusal);
        }
    }

    /** Why the request is refused, or {@code null} if it may go on. */
    static String refusal(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return null;
        }
        if (request.getRequestedSessionId() != null) {
            HttpSession session = request.getSession(false);
            String expected = session == null ? null : (String) session.getAttribute(SESSION_ATTRIBUTE);
            String given = request.getHeader(HEADER);
            if (expected == null || given == null || !MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
                return "A request with a session cookie must send the session's token in " + HEADER
                        + " (GET /cairn-admin/api/session gives it)";
            }
            return null;
        }
        String contentType = request.getContentType();
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (hasBody && (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
            return "A request body must be application/json";
        }
        return null;
    }
}
