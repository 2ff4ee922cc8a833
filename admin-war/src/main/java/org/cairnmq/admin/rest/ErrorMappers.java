package org.cairnmq.admin.rest;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cairnmq.admin.BrokerUnavailableException;
import org.cairnmq.management.ManagementException;

/** Turns every failure into a status and an {@link ErrorBody}, never an HTML page or a stack trace. */
final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    /** The broker's refusals: 404, 400, 409, or 500 when the store failed. */
    @Provider
    public static class Management implements ExceptionMapper<ManagementException> {
        @Override
        public Response toResponse(ManagementException e) {
            int status = switch (e.kind()) {
                case NOT_FOUND -> 404;
                case INVALID -> 400;
                case CONFLICT -> 409;
                case FAILED -> 500;
            };
            if (status == 500) {
                LOG.log(Level.WARNING, "CAIRN-ADMIN-010 Management operation failed", e);
            }
            return ErrorBody.response(status, e.kind().name(), e.getMessage());
        }
    }

    /** JAX-RS's own answers (unknown path 404, wrong method 405, not JSON 415, …), in JSON. */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String code = Response.Status.fromStatusCode(status) == null ? "HTTP_" + status
                    : Response.Status.fromStatusCode(status).name();
            return ErrorBody.response(status, code, e.getMessage());
        }
    }

    @Provider
    public static class Unavailable implements ExceptionMapper<BrokerUnavailableException> {
        @Override
        public Response toResponse(BrokerUnavailableException e) {
            return ErrorBody.response(503, "UNAVAILABLE", e.getMessage());
        }
    }

    /** A request we could not read: bad JSON, a value of the wrong kind, a bad argument. */
    @Provider
    public static class BadInput implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return ErrorBody.response(400, "INVALID", e.getMessage());
        }
    }

    @Provider
    public static class BadJson implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            return ErrorBody.response(400, "INVALID", "Not valid JSON: " + e.getMessage());
        }
    }

    @Provider
    public static class BadJsonBinding implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return ErrorBody.response(400, "INVALID", "Not valid JSON: " + e.getMessage());
        }
    }

    @Provider
    public static class Unreadable implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return ErrorBody.response(400, "INVALID", "The request body could not be read: " + e.getMessage());
        }
    }

    /** Anything else is our bug or the server's: 500, logged, without internals in the answer. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            LOG.log(Level.SEVERE, "CAIRN-ADMIN-011 Unexpected failure in the admin API", e);
            return ErrorBody.response(500, "FAILED", "Unexpected failure: " + e.getClass().getSimpleName()
                    + "; see the server log (CAIRN-ADMIN-011)");
        }
    }
}
