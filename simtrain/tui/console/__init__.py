"""The facilitator's console: run a live exercise from the terminal."""
