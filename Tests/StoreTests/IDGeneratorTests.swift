import Testing

@testable import Store

@Suite struct IDGeneratorTests {
    private func isHexID(_ id: String) -> Bool {
        id.count == 32 && id.allSatisfy { "0123456789abcdef".contains($0) }
    }

    @Test func idsAreThirtyTwoLowercaseHexDigits() {
        let seeded = IDGenerator(seed: 1)
        let random = IDGenerator()
        for _ in 0..<100 {
            #expect(isHexID(seeded.next()))
            #expect(isHexID(random.next()))
        }
    }

    @Test func sameSeedGivesSameIDs() {
        let first = IDGenerator(seed: 42)
        let second = IDGenerator(seed: 42)
        let firstIDs = (0..<10).map { _ in first.next() }
        let secondIDs = (0..<10).map { _ in second.next() }
        #expect(firstIDs == secondIDs)
    }

    @Test func differentSeedsGiveDifferentIDs() {
        #expect(IDGenerator(seed: 1).next() != IDGenerator(seed: 2).next())
    }

    @Test func seedZeroIsKnownValue() {
        // SplitMix64 from state 0 yields e220a8397b1dcdaf then 6e789e6aa1b965f4.
        #expect(IDGenerator(seed: 0).next() == "e220a8397b1dcdaf6e789e6aa1b965f4")
    }

    @Test func randomIDsDoNotRepeat() {
        let generator = IDGenerator()
        let ids = Set((0..<1000).map { _ in generator.next() })
        #expect(ids.count == 1000)
    }
}

@Suite struct IDGeneratorRunTests {
    @Test func laterRunsGiveOtherIDs() {
        let first = IDGenerator(seed: 7, run: 0)
        let second = IDGenerator(seed: 7, run: 1)
        let firstIDs = (0..<50).map { _ in first.next() }
        let secondIDs = (0..<50).map { _ in second.next() }
        #expect(Set(firstIDs).isDisjoint(with: secondIDs))
    }

    @Test func sameRunRepeatsIDs() {
        #expect(IDGenerator(seed: 7, run: 3).next() == IDGenerator(seed: 7, run: 3).next())
    }

    @Test func runZeroMatchesPlainSeed() {
        #expect(IDGenerator(seed: 7, run: 0).next() == IDGenerator(seed: 7).next())
    }

    @Test func serverStartsAreCounted() throws {
        let store = try Store.inMemory()
        #expect(try store.write { try $0.recordServerStart() } == 0)
        #expect(try store.write { try $0.recordServerStart() } == 1)
        #expect(try store.write { try $0.recordServerStart() } == 2)
    }
}
