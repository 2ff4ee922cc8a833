package org.cairnmq.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class the JVM's {@link PostgresCluster}, started before its first test and stopped once the
 * whole test run is over (the cluster is kept in the root context's store, which JUnit closes last).
 *
 * <p>Without PostgreSQL binaries the class fails with a message telling how to install them, unless
 * {@code -D}{@value PostgresCluster#SKIP_PROPERTY}{@code =true} asks to skip it.
 */
public final class PostgresExtension implements ExecutionCondition, BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Boolean.getBoolean(PostgresCluster.SKIP_PROPERTY)
                ? ConditionEvaluationResult.disabled("PostgreSQL tests skipped by -D" + PostgresCluster.SKIP_PROPERTY + "=true")
                : ConditionEvaluationResult.enabled("PostgreSQL tests run");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        PostgresCluster.shared();
        context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("stop", key -> (AutoCloseable) PostgresCluster::stopShared);
    }

    /** The running cluster; call it from a class annotated {@link PostgresTest}. */
    public static PostgresCluster cluster() {
        return PostgresCluster.shared();
    }
}
