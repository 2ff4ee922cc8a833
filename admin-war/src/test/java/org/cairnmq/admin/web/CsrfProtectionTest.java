package org.cairnmq.admin.web;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsrfProtectionTest {
    private final Map<String, Object> attributes = new HashMap<>();
    private final HttpSession session = (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {HttpSession.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                default -> null;
            });

    private HttpServletRequest request(String method, boolean cookie, String token, String contentType, long length) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestedSessionId" -> cookie ? "sid" : null;
                    case "getSession" -> cookie ? session : null;
                    case "getHeader" -> CsrfProtection.HEADER.equals(args[0]) ? token : null;
                    case "getContentType" -> contentType;
                    case "getContentLengthLong" -> length;
                    default -> null;
                });
    }

    @Test
    void readsPassAlways() {
        assertNull(CsrfProtection.refusal(request("GET", true, null, null, 0)));
    }

    @Test
    void aSessionNeedsItsToken() {
        String token = CsrfProtection.tokenOf(session);
        assertNotNull(CsrfProtection.refusal(request("POST", true, null, "application/json", 10)));
        assertNotNull(CsrfProtection.refusal(request("DELETE", true, "forged", null, 0)));
        assertNull(CsrfProtection.refusal(request("DELETE", true, token, null, 0)));
        assertNull(CsrfProtection.refusal(request("POST", true, token, "application/json", 10)));
    }

    @Test
    void withoutASessionABodyMustBeJson() {
        assertNull(CsrfProtection.refusal(request("POST", false, null, "application/json; charset=utf-8", 10)));
        assertNull(CsrfProtection.refusal(request("DELETE", false, null, null, 0)));
        assertNotNull(CsrfProtection.refusal(request("POST", false, null, "text/plain", 10)));
        assertNotNull(CsrfProtection.refusal(request("POST", false, null, "application/x-www-form-urlencoded", 10)));
        assertNotNull(CsrfProtection.refusal(request("PUT", false, null, null, 10)));
    }
}
