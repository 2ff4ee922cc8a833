package org.cairnmq.admin.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.Stream;
import org.cairnmq.admin.web.CsrfProtection;
import org.cairnmq.admin.web.Roles;

/**
 * Who is logged in, with which roles, and the session's CSRF token the console sends back in
 * {@code X-CSRF-Token} on every change (docs/admin.md). Opens the browser session.
 */
@Path("session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** @param csrfToken the token for {@code X-CSRF-Token} */
    public record SessionJson(String user, List<String> roles, boolean canChange, String csrfToken) {
    }

    @GET
    public SessionJson session(@Context HttpServletRequest request) {
        List<String> roles = Stream.of(Roles.MONITOR, Roles.ADMIN).filter(request::isUserInRole).toList();
        return new SessionJson(request.getRemoteUser(), roles, request.isUserInRole(Roles.ADMIN),
                CsrfProtection.tokenOf(request.getSession(true)));
    }
}
