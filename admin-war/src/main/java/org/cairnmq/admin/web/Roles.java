package org.cairnmq.admin.web;

/** The two roles of the console and the API (web.xml), as the server's security domain grants them. */
public final class Roles {
    /** Sees everything, changes nothing. */
    public static final String MONITOR = "cairn-monitor";
    /** Sees and changes everything. */
    public static final String ADMIN = "cairn-admin";

    private Roles() {
    }
}
