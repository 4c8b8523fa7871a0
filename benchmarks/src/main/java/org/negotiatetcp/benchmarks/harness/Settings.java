package org.negotiatetcp.benchmarks.harness;

import java.time.Duration;

/**
 * How long a run takes: rounds, the length of a cell, and the numbers of idle channels. From system properties:
 * {@code benchmarks.quick=true} for a run of a minute or two, {@code benchmarks.rounds}, {@code benchmarks.measure}
 * (milliseconds measured per cell; the warm-up is a third of it) and {@code benchmarks.idle} (two numbers, for example
 * {@code 1000,5000}). Blank values keep the defaults.
 *
 * @param quick whether this is the quick run
 * @param rounds the measured rounds (a warm-up round comes first and is not counted)
 * @param warmupRound how long each cell runs in the warm-up round (long enough for the JIT to compile the TLS and
 * GSS code paths; on a loaded machine that takes seconds)
 * @param warmup the warm-up of each cell
 * @param measure the measured time of each cell
 * @param idleSmall the smaller number of idle channels
 * @param idleLarge the larger number of idle channels (also the number opened and closed for the retained heap)
 */
record Settings(boolean quick, int rounds, Duration warmupRound, Duration warmup, Duration measure, int idleSmall,
		int idleLarge) {

	Settings {
		if (rounds < 1 || idleSmall < 1 || idleLarge <= idleSmall) {
			throw new IllegalArgumentException("Bad benchmark settings: " + rounds + " rounds, idle channels " + idleSmall
					+ " and " + idleLarge + " (at least one round; the second number of channels above the first)");
		}
	}

	/**
	 * Read the settings from system properties.
	 * @return the settings
	 */
	static Settings fromSystemProperties() {
		boolean quick = Boolean.parseBoolean(property("benchmarks.quick", "false"));
		int rounds = Integer.parseInt(property("benchmarks.rounds", quick ? "2" : "5"));
		long measure = Long.parseLong(property("benchmarks.measure", quick ? "300" : "1500"));
		String[] idle = property("benchmarks.idle", quick ? "100,500" : "1000,5000").split(",");
		if (idle.length != 2) {
			throw new IllegalArgumentException("benchmarks.idle takes two numbers, for example 1000,5000");
		}
		return new Settings(quick, rounds, Duration.ofMillis(quick ? 700 : 3000),
				Duration.ofMillis(Math.max(100, measure / 3)), Duration.ofMillis(measure),
				Integer.parseInt(idle[0].trim()), Integer.parseInt(idle[1].trim()));
	}

	private static String property(String name, String defaultValue) {
		String value = System.getProperty(name);
		return (value == null || value.isBlank()) ? defaultValue : value.trim();
	}

	/**
	 * Return the options of the Maven command that give these settings.
	 * @return for example {@code -Dbenchmarks.quick=true}, or empty for the defaults
	 */
	String commandOptions() {
		Settings defaults = new Settings(this.quick, this.quick ? 2 : 5, Duration.ZERO, Duration.ZERO,
				Duration.ofMillis(this.quick ? 300 : 1500), this.quick ? 100 : 1000, this.quick ? 500 : 5000);
		StringBuilder options = new StringBuilder(this.quick ? " -Dbenchmarks.quick=true" : "");
		if (this.rounds != defaults.rounds) {
			options.append(" -Dbenchmarks.rounds=").append(this.rounds);
		}
		if (!this.measure.equals(defaults.measure)) {
			options.append(" -Dbenchmarks.measure=").append(this.measure.toMillis());
		}
		if (this.idleSmall != defaults.idleSmall || this.idleLarge != defaults.idleLarge) {
			options.append(" -Dbenchmarks.idle=").append(this.idleSmall).append(',').append(this.idleLarge);
		}
		return options.toString();
	}

}
