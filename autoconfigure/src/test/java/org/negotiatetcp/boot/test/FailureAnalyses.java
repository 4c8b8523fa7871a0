package org.negotiatetcp.boot.test;

import java.util.List;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analyzes a startup failure the way Spring Boot reports it: with the {@link FailureAnalyzer}s registered in
 * {@code META-INF/spring.factories}, in their order, the first analysis wins.
 */
public final class FailureAnalyses {

	private FailureAnalyses() {
	}

	/**
	 * Analyze a failure.
	 * @param failure the startup failure
	 * @return the analysis, asserted to exist
	 */
	public static FailureAnalysis analyze(Throwable failure) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader
			.forDefaultResourceLocation(FailureAnalyses.class.getClassLoader())
			.load(FailureAnalyzer.class, FailureHandler.handleMessage((message, ex) -> {
				// analyzers that need the bean factory or the environment are left out, as Boot does without them
			}));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		assertThat(analyzers).as("no failure analyzer explains %s", failure.toString()).isEmpty();
		throw new AssertionError("unreachable");
	}

}
