package org.negotiatetcp.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Collects Netty's leak reports (logger {@code io.netty.util.ResourceLeakDetector}, which tests run at PARANOID) so
 * that {@link NettyLeakExtension} can fail the test class that leaked.
 */
public final class LeakReports extends AppenderBase<ILoggingEvent> {

	private static final List<String> reports = new CopyOnWriteArrayList<>();

	@Override
	protected void append(ILoggingEvent event) {
		if (event.getFormattedMessage().contains("LEAK")) {
			reports.add(event.getFormattedMessage());
		}
	}

	/**
	 * Return and forget the reports so far.
	 * @return the reports
	 */
	static List<String> drain() {
		List<String> copy = List.copyOf(reports);
		reports.clear();
		return copy;
	}

}
