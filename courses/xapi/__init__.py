"""The xAPI 1.0.3 statement store (the parts cmi5 needs: Statements, State, Activity and Agent
Profiles, About), the statements Equity LMS writes for every completion, and forwarding to the
city's LRS."""
