package org.cairnmq.it.admin;

import org.cairnmq.it.admin.app.OrderListener;
import org.cairnmq.it.admin.app.TestAppServlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The helper application the admin tests deploy next to the Cairn EAR, at /cairn-it-app. */
final class AdminTestApp {
    static final String CONTEXT = "/cairn-it-app";

    private AdminTestApp() {
    }

    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "cairn-it-app.war")
                .addClasses(TestAppServlet.class, OrderListener.class)
                .addAsWebInfResource(AdminTestApp.class.getResource("/queue/jboss-ejb3.xml"), "jboss-ejb3.xml");
    }
}
