import { vitestConfig } from "../../vitest.shared";

export default vitestConfig({ testTimeout: 60_000 });
