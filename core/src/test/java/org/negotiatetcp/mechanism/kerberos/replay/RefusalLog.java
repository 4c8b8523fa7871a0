package org.negotiatetcp.mechanism.kerberos.replay;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures the server's WARN lines that refuse a client ("Refusing ..."), which name the reason.
 */
final class RefusalLog implements AutoCloseable {

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	RefusalLog() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		this.appender.setContext(context);
		this.appender.start();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this.appender);
	}

	/** The refusal lines so far, waiting up to 10 seconds for the first (the server logs on its event loop). */
	List<String> lines() {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<String> lines;
		do {
			lines = this.appender.list.stream()
				.filter((event) -> event.getLevel() == Level.WARN)
				.map(ILoggingEvent::getFormattedMessage)
				.filter((line) -> line.startsWith("Refusing"))
				.toList();
			if (lines.isEmpty()) {
				Thread.onSpinWait();
			}
		}
		while (lines.isEmpty() && System.nanoTime() < deadline);
		return lines;
	}

	@Override
	public void close() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this.appender);
	}

}
