package org.negotiatetcp.soap.service;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * A fault detail data contract (C# {@code [DataContract] class StockFault} in CLR namespace {@code Shop}).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "StockFault", namespace = Order.NS, propOrder = { "item", "left" })
public class StockFault {

	@XmlElement(name = "Item", namespace = Order.NS)
	private String item;

	@XmlElement(name = "Left", namespace = Order.NS)
	private int left;

	public StockFault() {
	}

	public StockFault(String item, int left) {
		this.item = item;
		this.left = left;
	}

	public String getItem() {
		return this.item;
	}

	public int getLeft() {
		return this.left;
	}

}
