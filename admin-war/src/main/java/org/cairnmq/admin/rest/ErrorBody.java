package org.cairnmq.admin.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What every error of the API says, e.g. {@code {"status":404,"error":"NOT_FOUND","message":"No queue orders"}}.
 *
 * @param error a short code for programs: NOT_FOUND, INVALID, CONFLICT, FAILED, UNAVAILABLE, CSRF, …
 */
public record ErrorBody(int status, String error, String message) {

    static Response response(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, error, message)).build();
    }
}
