import { describe, expect, it } from 'vitest';
import { pageNumbers, pageOf, pageQuery } from './Pagination';

describe('pageNumbers', () => {
  it('lists every page of a short run', () => {
    expect(pageNumbers(1, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the first, last and nearby pages of a long run, with one gap marker per cut', () => {
    expect(pageNumbers(1, 20)).toEqual([1, 2, 3, null, 20]);
    expect(pageNumbers(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageNumbers(20, 20)).toEqual([1, null, 18, 19, 20]);
    expect(pageNumbers(5, 20)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 20]);
  });
});

describe('the page in the URL', () => {
  it('reads ?page=N, and 1 for anything that is not a positive whole number', () => {
    expect(pageOf(new URLSearchParams('page=3'))).toBe(3);
    expect(pageOf(new URLSearchParams(''))).toBe(1);
    for (const bad of ['0', '-2', '1.5', 'x', '']) expect(pageOf(new URLSearchParams({ page: bad }))).toBe(1);
  });

  it('sets the page and keeps the other parameters; page 1 is the plain URL', () => {
    expect(pageQuery(new URLSearchParams('tag=a b'), 2)).toBe('?tag=a+b&page=2');
    expect(pageQuery(new URLSearchParams('tag=x&page=4'), 1)).toBe('?tag=x');
    expect(pageQuery(new URLSearchParams(''), 1)).toBe('');
  });
});
