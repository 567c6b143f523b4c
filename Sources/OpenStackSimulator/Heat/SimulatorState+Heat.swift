extension SimulatorState {
    func heat(_ request: SimRequest, token: KeystoneState.Token) -> SimResponse {
        .heatError(
            501,
            "Not Implemented",
            explanation: "Not implemented in the simulator yet.",
            type: "NotImplemented",
            message: nil
        )
    }
}
