extension SimulatorState {
    func network(_ request: SimRequest, token: KeystoneState.Token) -> SimResponse { .notFound() }
}
