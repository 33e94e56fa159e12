import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { regionTree, useMyRegions } from './regions.api.js';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
  id?: string;
}

/** A region picker over the regions in the user's scope (form control or standalone). */
export function RegionSelect({
  value,
  onChange,
  placeholder,
  allowClear,
  style,
  id,
  ...rest
}: Props) {
  const { data, isLoading } = useMyRegions();
  const treeData = useMemo(() => regionTree(data ?? []), [data]);
  const expanded = useMemo(() => {
    const codes: string[] = [];
    for (const root of treeData) {
      codes.push(root.value);
      if (treeData.length === 1) for (const child of root.children ?? []) codes.push(child.value);
    }
    return codes;
  }, [treeData]);
  return (
    <TreeSelect
      id={id}
      data-testid={rest['data-testid']}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next ?? undefined)}
      treeData={treeData}
      loading={isLoading}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandedKeys={expanded}
      key={expanded.join()}
      popupMatchSelectWidth={false}
      style={style}
    />
  );
}
