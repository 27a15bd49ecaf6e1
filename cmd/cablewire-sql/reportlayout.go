package main

import "math"

// forceLayout places n network nodes in the unit square by the
// Fruchterman-Reingold force model: every pair of nodes repels, an edge
// pulls its ends together (harder the more cables it has), and a weak pull
// to the centre keeps loosely tied nodes in view. It runs here rather than
// in the page because ECharts' own force layout took seconds of the page's
// opening for 300 nodes; here it is deterministic (the same report draws
// the same picture, and a test can click a node where it is) and costs
// milliseconds.
func forceLayout(n int, edges [][3]int64, index map[int64]int) [][2]float64 {
	pos := make([][2]float64, n)
	if n == 0 {
		return pos
	}
	// Start on a spiral, biggest nodes (first) in the middle.
	for i := range pos {
		r := 0.5 * math.Sqrt(float64(i+1)/float64(n))
		a := float64(i) * 2.399963 // the golden angle
		pos[i] = [2]float64{0.5 + r*math.Cos(a), 0.5 + r*math.Sin(a)}
	}
	var maxW float64 = 1
	for _, e := range edges {
		maxW = math.Max(maxW, float64(e[2]))
	}
	k := math.Sqrt(1.0 / float64(n))
	disp := make([][2]float64, n)
	const iterations = 300
	temp := 0.1
	for it := 0; it < iterations; it++ {
		for i := range disp {
			disp[i] = [2]float64{}
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				dx, dy := pos[i][0]-pos[j][0], pos[i][1]-pos[j][1]
				d2 := dx*dx + dy*dy
				if d2 < 1e-9 {
					dx, dy, d2 = 1e-4*float64(i-j), 1e-4, 1e-8
				}
				f := k * k / d2 // repulsion k²/d, along (dx, dy)/d
				disp[i][0] += dx * f
				disp[i][1] += dy * f
				disp[j][0] -= dx * f
				disp[j][1] -= dy * f
			}
		}
		for _, e := range edges {
			a, okA := index[e[0]]
			b, okB := index[e[1]]
			if !okA || !okB {
				continue
			}
			dx, dy := pos[a][0]-pos[b][0], pos[a][1]-pos[b][1]
			d := math.Hypot(dx, dy)
			f := d / k * (0.3 + float64(e[2])/maxW) // attraction d²/k, along (dx, dy)/d
			disp[a][0] -= dx * f
			disp[a][1] -= dy * f
			disp[b][0] += dx * f
			disp[b][1] += dy * f
		}
		for i := range pos {
			disp[i][0] += (0.5 - pos[i][0]) * 2 * k
			disp[i][1] += (0.5 - pos[i][1]) * 2 * k
			d := math.Hypot(disp[i][0], disp[i][1])
			if d > 0 {
				step := math.Min(d, temp)
				pos[i][0] += disp[i][0] / d * step
				pos[i][1] += disp[i][1] / d * step
			}
		}
		temp *= 0.985
	}
	for i := range pos { // rounded: the page needs no more, and the JSON is smaller
		pos[i] = [2]float64{math.Round(pos[i][0]*1e4) / 1e4, math.Round(pos[i][1]*1e4) / 1e4}
	}
	return pos
}
