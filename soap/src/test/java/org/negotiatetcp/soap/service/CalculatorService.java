package org.negotiatetcp.soap.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.xml.namespace.QName;

import reactor.core.publisher.Mono;

import org.negotiatetcp.soap.Soap12;
import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.contract.FaultDetails;

/**
 * The test service.
 */
public class CalculatorService implements Calculator {

	static final QName REFUSED = new QName("http://example.org/calculator", "Refused", "c");

	/** Rendezvous parties: the calls that must be in flight at once. */
	static final int PARTIES = 4;

	private final Queue<String> notes = new ConcurrentLinkedQueue<>();

	private final CyclicBarrier barrier = new CyclicBarrier(PARTIES);

	@Override
	public int add(int a, int b) {
		return a + b;
	}

	@Override
	public String echo(String text) {
		return "echo:" + text;
	}

	@Override
	public Order price(Order order, BigDecimal factor) {
		return new Order(order.getId() + 1, order.getItem(), order.getTotal().multiply(factor));
	}

	@Override
	public void refuse(String reason) throws SoapFaultException {
		// a detail as WCF's FaultException<StockFault> carries it: the data contract's element
		throw new SoapFaultException(Soap12.SENDER, List.of(REFUSED), "Refused: " + reason,
				FaultDetails.toElement(new StockFault(reason, 3), new QName(Order.NS, "StockFault")));
	}

	@Override
	public Mono<String> refuseLater(String reason) {
		return Mono.fromCallable(() -> {
			refuse(reason);
			return "unreachable";
		});
	}

	@Override
	public void crash() {
		throw new IllegalStateException("secret internal detail");
	}

	@Override
	public void note(String note) {
		this.notes.add(note);
	}

	@Override
	public String notes() {
		return String.join(",", this.notes);
	}

	@Override
	public String rendezvous(String name) {
		try {
			// every party waits until all of them are in flight: calls handled one at a time would never meet
			this.barrier.await(30, TimeUnit.SECONDS);
			return "met:" + name;
		}
		catch (InterruptedException | BrokenBarrierException | TimeoutException ex) {
			throw new IllegalStateException("The rendezvous failed", ex);
		}
	}

	@Override
	public Mono<String> later(String text) {
		return Mono.delay(Duration.ofMillis(20)).map((tick) -> "later:" + text);
	}

}
