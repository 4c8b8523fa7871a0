package org.negotiatetcp.boot.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finds why an auto-configured context refused to start, for the tests of bad {@code negotiate.tcp} properties.
 */
final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * Assert that the context failed to start because of a bad property value, and return that failure.
	 * @param context the context
	 * @return the {@link InvalidConfigurationPropertyValueException} in the startup failure's causes
	 */
	static Throwable failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidConfigurationPropertyValueException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("an InvalidConfigurationPropertyValueException in %s", context.getStartupFailure())
			.isNotNull();
		return failure;
	}

}
