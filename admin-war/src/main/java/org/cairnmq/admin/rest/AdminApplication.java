package org.cairnmq.admin.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, below {@code /cairn-admin/api/} (endpoints listed in docs/admin.md). */
@ApplicationPath("api")
public class AdminApplication extends Application {
}
