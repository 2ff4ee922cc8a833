package org.cairnmq.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Supplier;
import org.cairnmq.management.BrokerManagement;
import org.cairnmq.management.ManagementRegistry;

/**
 * The admin module's way to the broker: the management interface the resource adapter published in
 * {@link ManagementRegistry}. Looked up on every use, so the console works whichever of the WAR and the
 * adapter started first, and follows a redeployed adapter.
 */
@ApplicationScoped
public class BrokerAccess {

    /** The running broker's management; {@link BrokerUnavailableException} when there is none. */
    public BrokerManagement management() {
        return ManagementRegistry.published().map(Supplier::get)
                .orElseThrow(() -> new BrokerUnavailableException("The Cairn resource adapter is not running"));
    }

    /** As {@link #management()}, but empty instead of failing when no adapter is deployed. */
    public Optional<BrokerManagement> ifDeployed() {
        return ManagementRegistry.published().map(Supplier::get);
    }
}
