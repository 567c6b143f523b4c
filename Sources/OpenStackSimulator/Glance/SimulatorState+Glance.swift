extension SimulatorState {
    func image(_ request: SimRequest, token: KeystoneState.Token) -> SimResponse { .notFound() }
}
