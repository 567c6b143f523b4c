extension SimulatorState {
    func compute(_ request: SimRequest, token: KeystoneState.Token) -> SimResponse { .notFound() }
}
